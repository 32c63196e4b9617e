import ShuniuModel
import Testing

/// The prepared HMAC key gives exactly HMAC-SHA-256: RFC 4231's vectors, and OpenSSL's
/// one-call HMAC for keys and messages of every length around the 64-byte block.
@Suite struct HMACKeyTests {
    func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    @Test func rfc4231Vectors() {
        // Test cases 1, 2 and 6 (a key longer than the block, hashed first).
        #expect(SHA256Digest.hex(HMACKey([UInt8](repeating: 0x0b, count: 20)).mac(Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(HMACKey(Array("Jefe".utf8)).hexMAC("what do ya want for nothing?")
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(HMACKey([UInt8](repeating: 0xaa, count: 131)).hexMAC("Test Using Larger Than Block-Size Key - Hash Key First")
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        #expect(hex("5bdc") == [0x5b, 0xdc])
    }

    @Test(arguments: [0, 1, 31, 32, 63, 64, 65, 100, 200])
    func matchesOneCallHMAC(keyLength: Int) {
        let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let prepared = HMACKey(key)
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 128, 1_000] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
            #expect(prepared.mac(message) == SHA256Digest.hmac(key: key, message: message), "key \(keyLength), message \(length)")
        }
        #expect(prepared.hexMAC("身份证 440106") == SHA256Digest.hex(SHA256Digest.hmac(key: key, message: Array("身份证 440106".utf8))))
    }

    @Test func hexIsLowercaseTwoDigitsPerByte() {
        #expect(SHA256Digest.hex([0x00, 0x09, 0x0a, 0xf0, 0xff]) == "00090af0ff")
        #expect(SHA256Digest.hex([]) == "")
    }
}

/// The streaming hasher gives SHA-256 of the parts joined.
@Suite struct SHA256HasherTests {
    @Test func partsHashAsTheirConcatenation() {
        var hasher = SHA256Hasher()
        hasher.update("chain")
        hasher.update(byte: 0x0A)
        hasher.update([UInt8](repeating: 7, count: 200))
        hasher.update("")
        #expect(hasher.finish() == SHA256Digest.hash(Array("chain".utf8) + [0x0A] + [UInt8](repeating: 7, count: 200)))
        var empty = SHA256Hasher()
        #expect(SHA256Digest.hex(empty.finish()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
