/// Read access to a credit library's stored facts (the store; a PostgreSQL one could follow).
/// ``CreditReader`` turns them into public and authorised views.
public protocol CreditLookup: Sendable {
    /// The live records of `subject`, by record id.
    func records(subject: String) throws -> [CreditRecord]
    /// The live record `id` (`<theme>/<key>`).
    func record(_ id: String) throws -> CreditRecord?
    /// Every subject with a live record, in order.
    func subjects() throws -> [String]
    /// Objections, optionally of one subject and/or one record, in filing order.
    func objections(subject: String?, record: String?) throws -> [Objection]
    /// One objection.
    func objection(_ id: String) throws -> Objection?
    /// An objection's steps in log order, with the refusal of refused ones.
    func steps(objection: String) throws -> [(step: ObjectionEvent, refusal: String?)]
}
