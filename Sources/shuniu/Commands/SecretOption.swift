import ArgumentParser
import Foundation
import ShuniuModel

/// The hub secret for commands that mask: `$SHUNIU_SECRET` or `$SHUNIU_SECRET_FILE`. Without
/// one of at least 32 bytes the command stops with exit code 78 and says how to make one.
enum SecretOption {
    /// The secret, or a printed error and `ExitCode(78)`.
    static func load() throws -> HubSecret {
        do {
            return try HubSecret.fromEnvironment()
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(HubSecret.exitCode)
        }
    }
}
