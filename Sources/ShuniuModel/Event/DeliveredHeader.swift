/// Header names the router adds to every record it writes to `sub.<department>` (the
/// delivered envelope, `docs/router.md`). One place for the names: the router writes them,
/// the subscriber, the mirror and the checks read them.
public enum DeliveredHeader {
    /// The grant id the record was delivered under.
    public static let grant = "shuniu_grant"
    /// That grant's legal basis.
    public static let basis = "shuniu_basis"
    /// The source record, `src.<theme>/<partition>/<offset>`.
    public static let source = "shuniu_source"
    /// Why a delete was sent that the provider did not send: `left-scope` (the row left the
    /// grant's scope). Absent on every other delivery.
    public static let reason = "shuniu_reason"
    /// A dead letter's reason in words (`dlq.<theme>` only).
    public static let message = "shuniu_message"
    /// On a dead-letter stub only (`dlq.<theme>`): the size in bytes of the dead letter that
    /// was too large to write whole; the stub carries no value and only the short headers.
    public static let originalBytes = "shuniu_original_bytes"

    /// The `shuniu_reason` of a delete sent because the row left the grant's scope.
    public static let leftScope = "left-scope"
}
