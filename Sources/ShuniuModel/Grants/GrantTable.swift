/// Every grant, rebuilt by replaying `ctl.grants` in order. Each event is checked by the same
/// rules that issued it (`GrantWorkflow.check`); an event that breaks them is refused and
/// changes nothing, so a forged or out-of-order record on the log cannot open access.
public struct GrantTable: Sendable {
    /// Grants by id.
    public private(set) var grants: [String: Grant] = [:]
    private var byTheme: [String: [String]] = [:]
    /// Events refused during replay, with the reason (shown by `shuniu grants list`).
    public private(set) var refused: [(event: GrantEvent, refusal: GrantRefusal)] = []

    /// Signatures of the authenticated steps so far: a copied step is refused.
    private var signatures: Set<String> = []

    /// An empty table.
    public init() {}

    /// Applies the `ctl.grants` record at `offset` once its signature holds: signed by the
    /// party that takes the step (`by`) with a key of the registry not revoked before
    /// `offset`, or by the hub; never a signature an earlier step used. Returns the refusal.
    @discardableResult
    public mutating func apply(_ event: GrantEvent, at offset: Int64, registry: IdentityRegistry,
                               catalogue: Catalogue) -> GrantRefusal? {
        if let refusal = registry.check(event.signature, canonical: event.canonical, by: event.by, domain: .grants,
                                        topic: Topics.grants, offset: offset) {
            let error = GrantRefusal(GrantRefusal.Code(rawValue: refusal.code.rawValue), refusal.message)
            refused.append((event, error))
            return error
        }
        let signature = event.signature?.value ?? ""
        guard signatures.insert(signature).inserted else {
            let error = GrantRefusal(GrantRefusal.Code(rawValue: AuthenticityRefusal.Code.replayedSignature.rawValue),
                                     "this signature was already used by an earlier step: a copied step changes nothing")
            refused.append((event, error))
            return error
        }
        return apply(event, catalogue: catalogue)
    }

    /// Applies one workflow event by the rules alone (its signature is not checked: for events
    /// this process made itself, and tests of the rules); returns the refusal when the event
    /// breaks the rules. Records read from `ctl.grants` go through `apply(_:at:registry:catalogue:)`.
    @discardableResult
    public mutating func apply(_ event: GrantEvent, catalogue: Catalogue) -> GrantRefusal? {
        let workflow = GrantWorkflow(catalogue: catalogue)
        do {
            try workflow.check(event, against: self)
        } catch {
            refused.append((event, error))
            return error
        }
        switch event.kind {
        case .applied:
            guard let application = event.application, let theme = catalogue.theme(application.theme) else { return nil }
            let masks = application.masks.compactMapValues { try? MaskRule(parsing: $0) }
            let grant = Grant(id: event.grant, application: application, theme: theme, masks: masks,
                              until: application.until.flatMap { CalendarDate(iso: $0) }, event: event)
            grants[event.grant] = grant
            byTheme[application.theme, default: []].append(event.grant)
        case .approved:
            update(event) { $0.state = .approved }
        case .rejected:
            update(event) { $0.state = .rejected }
        case .arbitrated:
            update(event) { $0.state = event.decision == "approve" ? .approved : .rejected }
        case .revoked:
            update(event) { $0.state = .revoked }
        }
        return nil
    }

    private mutating func update(_ event: GrantEvent, _ change: (inout Grant) -> Void) {
        guard var grant = grants[event.grant] else { return }
        change(&grant)
        grant.history.append(event)
        grants[event.grant] = grant
    }

    /// The grant with this id.
    public func grant(_ id: String) -> Grant? { grants[id] }

    /// The grants of a theme in force on `day` (approved, not past their end date), in the
    /// order they were applied for.
    public func inForce(theme: String, on day: CalendarDate?) -> [Grant] {
        (byTheme[theme] ?? []).compactMap { grants[$0] }.filter { $0.isInForce(on: day) }
    }

    /// Every grant, in the order applied for.
    public var all: [Grant] {
        byTheme.values.flatMap { $0 }.compactMap { grants[$0] }
            .sorted { ($0.history.first?.at ?? "", $0.id) < ($1.history.first?.at ?? "", $1.id) }
    }
}
