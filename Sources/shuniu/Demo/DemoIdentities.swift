import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// The demo's signing identities: one key file per party under `<state>/identities/`
/// (directory 0700, files 0600), made once and registered on `ctl.identities` whenever the
/// registry does not hold them (a fresh dev broker starts empty).
enum DemoIdentities {
    /// Each party's key, created and registered as needed.
    static func ensure(parties: [String], directory: String, client: KafkaClientConfig, secret: HubSecret) async throws -> [String: SigningKey] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let log = try IdentityLog(client: client, hub: SigningKey.hub(secret).verifyingKey)
        try await log.catchUp()
        let registry = await log.registry
        var keys: [String: SigningKey] = [:]
        var registrations: [IdentityEvent] = []
        for party in parties {
            let path = "\(directory)/\(party).key"
            let file: IdentityFile
            if FileManager.default.fileExists(atPath: path) {
                file = try IdentityFile.read(path: path)
            } else {
                file = IdentityFile(party: party, key: .generate())
                try file.write(to: path)
            }
            if registry.entries[file.key.verifyingKey.id] == nil {
                registrations.append(IdentityEvent(kind: .registered, party: party, key: file.key.verifyingKey.id,
                                                   publicKey: file.key.verifyingKey.base64, at: GrantSession.now()).signed(by: .hub(secret)))
            }
            keys[party] = file.key
        }
        if !registrations.isEmpty { try await log.append(registrations) }
        await log.close()
        return keys
    }
}
