using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Routing;

/// <summary>A member of a support group and the skills they have, for <see cref="AgentSelector.SkillMatch"/>.</summary>
public sealed class GroupMember
{
    /// <summary>Creates a member.</summary>
    /// <param name="id">The member's id, as <see cref="Itsm.Services.SupportGroup.Members"/> holds it.</param>
    /// <param name="skills">The member's skills (for example <c>"cisco"</c>, <c>"german"</c>); null for none.</param>
    /// <exception cref="System.ArgumentException"><paramref name="id"/> is blank or too long, or a skill is blank or too long.</exception>
    public GroupMember(string id, IEnumerable<string>? skills = null)
    {
        Id = Names.Required(id, nameof(id));
        Skills = Names.Normalize(skills, nameof(skills));
    }

    /// <summary>The member's id.</summary>
    public string Id { get; }

    /// <summary>The member's skills, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Skills { get; }
}
