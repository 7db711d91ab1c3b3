namespace Itsm.Services;

/// <summary>A person's role and what it is held for.</summary>
/// <param name="Role">The role.</param>
/// <param name="Scope">The service id (service owner), practice name (process owner) or support group name (practitioner).</param>
public readonly record struct RoleAssignment(ServiceRole Role, string Scope);
