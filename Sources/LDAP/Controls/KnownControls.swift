/// Names of the controls this client sends, for error messages.
public enum KnownControls {
    public static func name(_ oid: String) -> String {
        switch oid {
        case PagedResultsControl.oid: "Simple Paged Results (\(oid))"
        case DirSyncControl.oid: "Active Directory DirSync (\(oid))"
        case ShowDeletedControl.oid: "Show Deleted (\(oid))"
        case SyncRequestControl.oid: "Content Synchronization, RFC 4533 (\(oid))"
        case RelaxRulesControl.oid: "Relax Rules (\(oid))"
        default: oid
        }
    }
}
