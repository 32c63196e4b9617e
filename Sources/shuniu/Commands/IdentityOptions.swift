import ArgumentParser
import Foundation
import ShuniuModel

/// The hub's public key, the root of trust for signatures: derived from the hub secret when
/// one is set (`$SHUNIU_SECRET`, `$SHUNIU_SECRET_FILE`), else `$SHUNIU_HUB_KEY` (the base64
/// public key `shuniu identity list` prints), so a department's machine needs no secret.
enum HubTrust {
    /// The hub's public key, or a printed error and exit code 78.
    static func load() throws -> VerifyingKey {
        if let secret = try? HubSecret.fromEnvironment() { return SigningKey.hub(secret).verifyingKey }
        if let text = ProcessInfo.processInfo.environment["SHUNIU_HUB_KEY"] {
            guard let key = VerifyingKey(base64: text) else {
                Console.fail("$SHUNIU_HUB_KEY is not a base64 Ed25519 public key; copy the hub key line of `shuniu identity list`")
                throw ExitCode(HubSecret.exitCode)
            }
            return key
        }
        Console.fail("no hub key: set $SHUNIU_HUB_KEY to the hub's public key (`shuniu identity list` on a hub machine prints it), or $SHUNIU_SECRET / $SHUNIU_SECRET_FILE on a hub machine")
        throw ExitCode(HubSecret.exitCode)
    }

    /// The hub's signer when this machine holds the hub secret, else nil.
    static func signer(via: String? = nil) -> ControlSigner? {
        (try? HubSecret.fromEnvironment()).map { ControlSigner.hub($0, via: via) }
    }
}

/// `--key FILE`: the party's private key file (mode 0600) that signs its steps.
struct KeyOption: ParsableArguments {
    @Option(name: .customLong("key"), help: "Your private key file (mode 0600; `shuniu identity create` makes one). Its party takes the step.")
    var path: String

    /// The key file, or a printed error and exit code 1.
    func load() throws -> IdentityFile {
        do {
            return try IdentityFile.read(path: path)
        } catch {
            Console.fail(error.description)
            throw ExitCode(1)
        }
    }
}
