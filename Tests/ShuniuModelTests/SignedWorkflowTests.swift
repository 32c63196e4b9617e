import Foundation
import Testing
import ShuniuModel

/// Signed workflow steps and the identity registry (pure): who may sign what, forged,
/// unsigned, copied and revoked-key steps refused with their codes, registry records only
/// from the hub.
@Suite("Signed workflow", .enabled(if: RepositoryCatalogue.exists, "no topics/ in this checkout"))
struct SignedWorkflowTests {
    let catalogue: Catalogue
    let workflow: GrantWorkflow
    let secret = try! HubSecret(bytes: Array("signed-workflow-test-secret-0123456789".utf8))
    let civil = SigningKey.generate()
    let bank = SigningKey.generate()
    let at = "2025-03-03T09:00:00Z"
    let application = GrantApplication(subscriber: "civil-affairs", theme: "bank-deposits-icbc-guangzhou",
                                       function: "social-assistance", basis: "社会救助暂行办法", fields: ["name", "account_count"])

    init() throws {
        catalogue = try CatalogueLoader.load(directory: RepositoryCatalogue.directory)
        workflow = GrantWorkflow(catalogue: catalogue)
    }

    var hub: ControlSigner { .hub(secret) }

    func registration(_ party: String, _ key: SigningKey) -> IdentityEvent {
        IdentityEvent(kind: .registered, party: party, key: key.verifyingKey.id, publicKey: key.verifyingKey.base64, at: at)
    }

    /// A registry holding the civil-affairs and bank keys.
    func registry() -> IdentityRegistry {
        var registry = IdentityRegistry(hub: SigningKey.hub(secret).verifyingKey)
        #expect(registry.apply(registration("civil-affairs", civil).signed(by: hub)) == nil)
        #expect(registry.apply(registration("icbc-guangzhou", bank).signed(by: hub)) == nil)
        return registry
    }

    /// The table after civil-affairs's signed application (offset 0).
    func applied(_ registry: IdentityRegistry) throws -> (GrantTable, GrantEvent) {
        var table = GrantTable()
        let events = try workflow.apply(application, id: "g-1", at: at, table: table)
        #expect(events.map(\.kind) == [.applied])
        #expect(table.apply(events[0].signed(by: ControlSigner(key: civil)), at: 0, registry: registry, catalogue: catalogue) == nil)
        let approval = try workflow.decide("g-1", approve: true, by: "icbc-guangzhou", reason: nil, at: at, table: table)
        return (table, approval)
    }

    @Test func theProvidersOwnSignatureApproves() throws {
        let registry = registry()
        var (table, approval) = try applied(registry)
        #expect(table.apply(approval.signed(by: ControlSigner(key: bank)), at: 1, registry: registry, catalogue: catalogue) == nil)
        #expect(table.grant("g-1")?.state == .approved)
        #expect(table.refused.isEmpty)
    }

    @Test func forgedStepsAreRefusedWithTheirCodesAndChangeNothing() throws {
        let registry = registry()
        var (table, approval) = try applied(registry)
        var altered = approval.signed(by: ControlSigner(key: bank))
        altered.reason = "changed after signing"
        var copiedSignature = try workflow.decide("g-1", approve: false, by: "icbc-guangzhou", reason: "no", at: at, table: table)
        copiedSignature.signature = approval.signed(by: ControlSigner(key: bank)).signature
        let forgeries: [(GrantEvent, String)] = [
            (approval, "unsigned"),
            (approval.signed(by: ControlSigner(key: civil)), "wrong-signer"),
            (approval.signed(by: ControlSigner(key: .generate())), "unknown-key"),
            (approval.signed(by: .hub(.ephemeral(), via: "api-key:x")), "unknown-key"),
            (approval.signed(by: .hub(secret)), "hub-without-via"),
            (altered, "bad-signature"),
            (copiedSignature, "bad-signature"),
        ]
        for (offset, (event, code)) in forgeries.enumerated() {
            #expect(table.apply(event, at: Int64(offset + 1), registry: registry, catalogue: catalogue)?.code.rawValue == code)
        }
        #expect(table.grant("g-1")?.state == .applied)
        #expect(table.refused.map(\.refusal.code.rawValue) == forgeries.map(\.1))
    }

    @Test func aCopiedStepIsRefusedAsAReplayedSignature() throws {
        let registry = registry()
        var (table, approval) = try applied(registry)
        let signed = approval.signed(by: ControlSigner(key: bank))
        #expect(table.apply(signed, at: 1, registry: registry, catalogue: catalogue) == nil)
        #expect(table.apply(signed, at: 2, registry: registry, catalogue: catalogue)?.code.rawValue == "replayed-signature")
    }

    @Test func theHubMaySignForAPartyWhenItSaysHow() throws {
        let registry = registry()
        var (table, approval) = try applied(registry)
        #expect(table.apply(approval.signed(by: .hub(secret, via: "api-key:k1")), at: 1, registry: registry, catalogue: catalogue) == nil)
        #expect(table.grant("g-1")?.state == .approved)
    }

    @Test func aRevokedKeySignsNothingAfterItsRevocationButWhatItSignedBeforeStands() throws {
        var registry = registry()
        var (table, approval) = try applied(registry)
        #expect(table.apply(approval.signed(by: ControlSigner(key: bank)), at: 1, registry: registry, catalogue: catalogue) == nil)
        let revocation = IdentityEvent(kind: .revoked, party: "icbc-guangzhou", key: bank.verifyingKey.id, at: at, reason: "lost",
                                       effective: [Topics.grants: 2])
        #expect(registry.apply(revocation.signed(by: hub)) == nil)
        // Rebuilt under the new registry, the approval at offset 1 still holds.
        var rebuilt = GrantTable()
        let applied = try #require(table.grant("g-1")?.history.first)
        #expect(rebuilt.apply(applied, at: 0, registry: registry, catalogue: catalogue) == nil)
        #expect(rebuilt.apply(approval.signed(by: ControlSigner(key: bank)), at: 1, registry: registry, catalogue: catalogue) == nil)
        let end = try workflow.revoke("g-1", by: "icbc-guangzhou", reason: "stolen key", at: at, table: rebuilt)
        #expect(rebuilt.apply(end.signed(by: ControlSigner(key: bank)), at: 2, registry: registry, catalogue: catalogue)?.code.rawValue == "revoked-key")
        #expect(rebuilt.grant("g-1")?.state == .approved)
    }

    @Test func onlyTheHubWritesTheRegistry() {
        var registry = IdentityRegistry(hub: SigningKey.hub(secret).verifyingKey)
        let stranger = SigningKey.generate()
        #expect(registry.apply(registration("icbc-guangzhou", stranger)) != nil)
        #expect(registry.apply(registration("icbc-guangzhou", stranger).signed(by: ControlSigner(key: stranger))) != nil)
        #expect(registry.apply(registration("icbc-guangzhou", stranger).signed(by: .hub(.ephemeral()))) != nil)
        var mismatched = registration("icbc-guangzhou", stranger)
        mismatched.key = civil.verifyingKey.id
        #expect(registry.apply(mismatched.signed(by: hub)) != nil)
        #expect(registry.apply(registration("hub", stranger).signed(by: hub)) != nil)
        #expect(registry.entries.isEmpty && registry.refused.count == 5)
        #expect(registry.apply(registration("icbc-guangzhou", stranger).signed(by: hub)) == nil)
        #expect(registry.apply(registration("tax", stranger).signed(by: hub)) != nil)
        #expect(registry.keys(of: "icbc-guangzhou").map(\.key.id) == [stranger.verifyingKey.id])
    }

    @Test func signaturesDoNotCrossDomains() {
        let key = SigningKey.generate()
        let message = Array("a step".utf8)
        let signature = key.sign(message, in: .grants)
        #expect(key.verifyingKey.verifies(signature, of: message, in: .grants))
        #expect(!key.verifyingKey.verifies(signature, of: message, in: .objections))
        #expect(!key.verifyingKey.verifies(signature, of: message + [0], in: .grants))
        #expect(!key.verifyingKey.verifies(Array(signature.dropLast()), of: message, in: .grants))
    }

    @Test func theHubKeyFollowsTheSecret() {
        #expect(SigningKey.hub(secret).verifyingKey == SigningKey.hub(secret).verifyingKey)
        #expect(SigningKey.hub(secret).verifyingKey != SigningKey.hub(.ephemeral()).verifyingKey)
        #expect(!SigningKey.hub(secret).description.contains(SigningKey.hub(secret).verifyingKey.base64))
    }

    @Test func keyFilesAreOwnerOnlyNeverOverwrittenAndRefusedWhenOthersMayRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("tax.key").path
        let key = SigningKey.generate()
        try IdentityFile(party: "tax", key: key).write(to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let read = try IdentityFile.read(path: path)
        #expect(read.party == "tax" && read.key.verifyingKey == key.verifyingKey)
        #expect(throws: IdentityFile.Problem.self) { try IdentityFile(party: "tax", key: .generate()).write(to: path) }
        #expect(try IdentityFile.read(path: path).key.verifyingKey == key.verifyingKey)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect { try IdentityFile.read(path: path) } throws: { "\($0)".contains("chmod 600") }
        #expect(throws: IdentityFile.Problem.self) { try IdentityFile.parse("shuniu-identity v1\nparty: tax\nkey: k-0000000000000000\nseed: \(Data(key.seed).base64EncodedString())\n") }
    }

    @Test func controlRecordsOverTheSizeLimitAreRefusedBeforeDecoding() throws {
        var huge = GrantEvent(kind: .rejected, grant: "g-1", by: "icbc-guangzhou", at: at,
                              reason: String(repeating: "x", count: ControlJSON.maximumSize))
        huge = huge.signed(by: ControlSigner(key: bank))
        #expect(throws: GrantRefusal.self) { try GrantEvent.decode(huge.encoded()) }
        let record = registration("tax", bank).signed(by: hub)
        var padded = record
        padded.reason = String(repeating: "y", count: ControlJSON.maximumSize)
        #expect(IdentityEvent.decode(record.encoded()) == record)
        #expect(IdentityEvent.decode(padded.encoded()) == nil)
    }
}
