import ShuniuCredit
import ShuniuModel
import ShuniuStreams

/// Workflow steps in tests are signed as the API signs them: by the hub, for itself (`by: hub`)
/// or for the department (`via: test`). Tests of department keys sign with `ControlSigner(key:)`.
enum TestSigning {
    /// `event` signed by the hub of `secret`.
    static func sign(_ event: GrantEvent, secret: HubSecret = RouterHarness.secret) -> GrantEvent {
        event.signed(by: event.by == GrantWorkflow.hub ? .hub(secret) : .hub(secret, via: "test"))
    }

    /// `step` signed by the hub of `secret` for its party.
    static func sign(_ step: ObjectionEvent, secret: HubSecret = RouterHarness.secret) -> ObjectionEvent {
        step.signed(by: .hub(secret, via: "test"))
    }
}

extension GrantLog {
    /// Appends test steps signed by the hub of `secret` (see `TestSigning`).
    func append(_ events: [GrantEvent], secret: HubSecret = RouterHarness.secret) async throws {
        try await append(signed: events.map { TestSigning.sign($0, secret: secret) })
    }
}
