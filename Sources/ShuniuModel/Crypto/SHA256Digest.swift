import CCrypto
import Foundation

/// SHA-256 and HMAC-SHA-256 (OpenSSL's libcrypto): audit hashes and keyed pseudonyms.
public enum SHA256Digest {
    /// The SHA-256 of `bytes` (32 bytes).
    public static func hash(_ bytes: some ContiguousBytes) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBufferPointer { output in
                _ = SHA256(input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count, output.baseAddress)
            }
        }
        return out
    }

    /// HMAC-SHA-256 of `message` under `key` (32 bytes).
    public static func hmac(key: [UInt8], message: some ContiguousBytes) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { input in
                out.withUnsafeMutableBufferPointer { output in
                    _ = shuniu_hmac_sha256(keyBytes.baseAddress, Int32(keyBytes.count),
                                           input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count,
                                           output.baseAddress)
                }
            }
        }
        return out
    }

    /// Lowercase hexadecimal text of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { text in
            var index = 0
            for byte in bytes {
                text[index] = digit(byte >> 4)
                text[index + 1] = digit(byte & 0x0F)
                index += 2
            }
            return index
        }
    }

    @inline(__always) private static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x57 + nibble
    }
}
