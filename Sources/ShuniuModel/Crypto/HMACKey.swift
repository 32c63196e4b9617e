import Foundation
import CCrypto

/// An HMAC-SHA-256 key prepared once (its inner and outer pads hashed ahead, RFC 2104), so
/// each MAC costs the hash of the message and one block: the router computes several per
/// event (pseudonyms, delivery ids, audit MACs). Gives exactly `SHA256Digest.hmac(key:message:)`.
public struct HMACKey: Sendable {
    // A plain C struct of integers and bytes: copied by value, never shared mutable state.
    private let state: shuniu_hmac_key

    /// The key `bytes` (any length; over 64 bytes it is hashed first, as HMAC specifies).
    public init(_ bytes: [UInt8]) {
        var state = shuniu_hmac_key()
        bytes.withUnsafeBufferPointer { shuniu_hmac_key_init(&state, $0.baseAddress, $0.count) }
        self.state = state
    }

    /// The MAC of `message` (32 bytes).
    public func mac(_ message: some ContiguousBytes) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        withUnsafePointer(to: state) { key in
            message.withUnsafeBytes { input in
                out.withUnsafeMutableBufferPointer { output in
                    shuniu_hmac_key_mac(key, input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count, output.baseAddress)
                }
            }
        }
        return out
    }

    /// The MAC of the UTF-8 bytes of `text` as lowercase hex (64 digits), without copying the text.
    public func hexMAC(_ text: String) -> String {
        var text = text
        return text.withUTF8 { SHA256Digest.hex(mac(UnsafeRawBufferPointer($0))) }
    }
}
