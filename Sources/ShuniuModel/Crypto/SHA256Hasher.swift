import CCrypto

/// An incremental SHA-256 over parts fed one after another, without joining them first: digests
/// of data too large to hold at once (a whole library), and the router's per-record hashes (the
/// delivered record, the audit chain). A plain value: no allocation, nothing to free.
public struct SHA256Hasher {
    private var context = SHA256_CTX()

    /// A hasher with nothing fed yet.
    public init() { SHA256_Init(&context) }

    /// Feeds `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        SHA256_Update(&context, base, bytes.count)
    }

    /// Feeds `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Feeds one byte.
    public mutating func update(byte: UInt8) {
        withUnsafeBytes(of: byte) { update($0) }
    }

    /// The digest of everything fed (32 bytes); the hasher is spent.
    public mutating func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        out.withUnsafeMutableBufferPointer { _ = SHA256_Final($0.baseAddress, &context) }
        return out
    }
}
