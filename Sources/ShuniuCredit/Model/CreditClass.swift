import ShuniuModel

/// The eight classes of credit information (信用信息分类) a credit record belongs to.
public enum CreditClass: String, Sendable, Hashable, CaseIterable, Codable {
    /// Registration (登记): the registries and organisation codes.
    case registration
    /// Qualification and licences (资质/许可): administrative licences, e-licences.
    case qualification
    /// Supervision (监管): tax credit grades, annual reports and abnormal-operation listing.
    case supervision
    /// Administrative penalties (行政处罚).
    case penalty
    /// Breach of contract (合同履约失信): no theme of the catalogue carries it yet.
    case breachOfContract = "breach-of-contract"
    /// Court dishonest judgment debtors (失信被执行人).
    case dishonestDebtor = "dishonest-debtor"
    /// Commendations (表彰奖励): no theme of the catalogue carries it yet.
    case commendation
    /// Anything else.
    case other

    /// True for the classes published under double publicity (双公示): licences and penalties.
    /// Every other class is shown only in authorised views.
    public var isDoublePublicity: Bool { self == .qualification || self == .penalty }
}

/// The five kinds of credit subject (信用主体).
public enum CreditSubjectKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Enterprises and sole traders (credit codes 91…, 92…, any other 9…).
    case enterprise
    /// Natural persons, by citizen ID.
    case individual
    /// Public institutions (事业单位, credit codes 12…, and 13/19 of the establishment office).
    case publicInstitution = "public-institution"
    /// Social organisations (社会组织, credit codes 5…: 51 social groups, 52 private
    /// non-enterprise units, 53 foundations).
    case socialOrganisation = "social-organisation"
    /// Government bodies (机关, credit codes 11…).
    case governmentBody = "government-body"

    /// The kind of `subject` from its identifier: an 18-character citizen ID is an individual;
    /// a unified social credit code's registration authority and type (its first two
    /// characters) give the rest. Nil when `subject` is neither.
    public static func of(_ subject: String) -> CreditSubjectKind? {
        if (try? CitizenID(validating: subject)) != nil { return .individual }
        guard let code = try? CreditCode(validating: subject) else { return nil }
        switch (code.authority, code.kind) {
        case ("1", "1"): return .governmentBody
        case ("1", _): return .publicInstitution
        case ("5", _): return .socialOrganisation
        default: return .enterprise
        }
    }
}
