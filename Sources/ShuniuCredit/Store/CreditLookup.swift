/// Read access to a credit library's stored facts (the store; a PostgreSQL one could follow).
/// ``CreditReader`` turns them into public and authorised views.
public protocol CreditLookup: Sendable {
    /// The live records of `subject`, by record id.
    func records(subject: String) throws -> [CreditRecord]
    /// The live record `id` (`<theme>/<key>`).
    func record(_ id: String) throws -> CreditRecord?
    /// Every subject with a live record, in order.
    func subjects() throws -> [String]
    /// Subjects other than individuals whose live records contain `text` anywhere in their row,
    /// at most `limit`, in order: candidates for a name search, which ``CreditReader`` narrows
    /// to what the public view shows.
    func subjects(mentioning text: String, limit: Int) throws -> [String]
    /// Objections, optionally of one subject and/or one record, in filing order.
    func objections(subject: String?, record: String?) throws -> [Objection]
    /// One objection.
    func objection(_ id: String) throws -> Objection?
    /// An objection's steps in log order, with the refusal of refused ones.
    func steps(objection: String) throws -> [(step: ObjectionEvent, refusal: String?)]
}
