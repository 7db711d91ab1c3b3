using System;
using System.Collections.Generic;

namespace Itsm.Services;

/// <summary>The names of the standard ITIL 4 practices this library's lifecycles implement or support.</summary>
public static class Practices
{
    /// <summary>"Incident management".</summary>
    public const string IncidentManagement = "Incident management";

    /// <summary>"Problem management".</summary>
    public const string ProblemManagement = "Problem management";

    /// <summary>"Change enablement".</summary>
    public const string ChangeEnablement = "Change enablement";

    /// <summary>"Service desk".</summary>
    public const string ServiceDesk = "Service desk";

    /// <summary>"Service request management".</summary>
    public const string ServiceRequestManagement = "Service request management";

    /// <summary>"Service level management".</summary>
    public const string ServiceLevelManagement = "Service level management";

    /// <summary>"Continual improvement".</summary>
    public const string ContinualImprovement = "Continual improvement";

    /// <summary>"Release management".</summary>
    public const string ReleaseManagement = "Release management";

    /// <summary>"Deployment management".</summary>
    public const string DeploymentManagement = "Deployment management";

    /// <summary>"Service configuration management".</summary>
    public const string ServiceConfigurationManagement = "Service configuration management";

    /// <summary>"Monitoring and event management".</summary>
    public const string MonitoringAndEventManagement = "Monitoring and event management";

    /// <summary>"Supplier management".</summary>
    public const string SupplierManagement = "Supplier management";
}
