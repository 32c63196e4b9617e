import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// One record of `sub.<department>` that passed the subscriber's checks: the change event as
/// the router delivered it, with the grant it was delivered under and where it came from.
public struct Delivery: Sendable, Hashable {
    /// The change event (only the granted fields, masked as granted).
    public var event: ChangeEvent
    /// `shuniu_grant`: the grant the router delivered it under.
    public var grant: String
    /// `shuniu_basis`: that grant's legal basis.
    public var basis: String
    /// `shuniu_source`: the source record, `src.<theme>/<partition>/<offset>`.
    public var source: String
    /// Where the delivery itself sits: `sub.<department>/<partition>/<offset>`.
    public var position: String
    /// `shuniu_reason`: `left-scope` on a delete the router sent because the row left the
    /// grant's scope (the provider did not delete it); nil otherwise.
    public var reason: String? = nil

    /// Whether this is a delete sent because the row left the grant's scope.
    public var leftScope: Bool { reason == DeliveredHeader.leftScope }

    /// What the mirror and the files record: `upserted`, `deleted`, or `left-scope`.
    public var action: String { leftScope ? DeliveredHeader.leftScope : event.action.rawValue }

    /// The key under which repeats are recognised: the grant and `ce_id` (the router redelivers
    /// an event under the same grant with the same id).
    public var dedupeKey: String { "\(grant)\t\(event.id)" }
}

/// Why a record of `sub.<department>` was refused.
public struct DeliveryRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// `missing-grant`, `missing-basis`, `missing-source` or `bad-envelope`.
    public var code: String
    /// What is wrong and what to do.
    public var message: String
    /// Where the refused record sits: `sub.<department>/<partition>/<offset>`.
    public var position: String

    public var description: String { "\(position): \(code): \(message)" }
}

/// The subscriber's check of one record (pure): a valid change event that carries the grant id,
/// the legal basis and the source position the router adds. Anything else did not come through
/// the router and is refused.
public enum DeliveryCheck {
    /// The delivery in `message`, or why it is refused.
    public static func check(_ message: ConsumerMessage) -> Result<Delivery, DeliveryRefusal> {
        let position = message.position
        let event: ChangeEvent
        do {
            event = try message.changeEvent()
        } catch {
            return .failure(DeliveryRefusal(code: "bad-envelope", message: "not a change event: \(error.message)",
                                            position: position))
        }
        func header(_ name: String, code: String) -> Result<String, DeliveryRefusal> {
            guard let text = event.extensionText(name), !text.isEmpty else {
                return .failure(DeliveryRefusal(
                    code: code,
                    message: "no \(name) header: the record did not come through the router (only the router writes sub.* topics; check the broker's ACLs)",
                    position: position))
            }
            return .success(text)
        }
        let grant: String, basis: String, source: String
        switch header(DeliveredHeader.grant, code: "missing-grant") {
        case .success(let value): grant = value
        case .failure(let refusal): return .failure(refusal)
        }
        switch header(DeliveredHeader.basis, code: "missing-basis") {
        case .success(let value): basis = value
        case .failure(let refusal): return .failure(refusal)
        }
        switch header(DeliveredHeader.source, code: "missing-source") {
        case .success(let value): source = value
        case .failure(let refusal): return .failure(refusal)
        }
        return .success(Delivery(event: event, grant: grant, basis: basis, source: source, position: position,
                                 reason: event.extensionText(DeliveredHeader.reason)))
    }
}
