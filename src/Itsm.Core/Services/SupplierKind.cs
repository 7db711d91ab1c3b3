namespace Itsm.Services;

/// <summary>Whether an external organization supplies us or works with us as a partner.</summary>
public enum SupplierKind
{
    /// <summary>A supplier: provides goods or services under a contract.</summary>
    Supplier = 0,

    /// <summary>A partner: shares goals and risks with us beyond a plain contract.</summary>
    Partner = 1,
}
