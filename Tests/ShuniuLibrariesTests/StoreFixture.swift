import Foundation
import ShuniuLibraries

/// A fresh library file in a temporary directory, removed when the fixture goes.
final class StoreFile {
    let directory: URL
    var path: String { directory.appendingPathComponent("library.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-lib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// Change events of a small history: several themes and versions per subject, deletes.
enum History {
    static func change(_ subject: String, _ theme: String, _ seq: Int64, _ json: String?, offset: Int64,
                       library: LibraryKind = .person, aliases: [String] = []) -> SliceChange {
        SliceChange(library: library, subject: subject, theme: theme, sequence: seq, row: json.map { Array($0.utf8) },
                    lineage: Lineage(department: "dept-\(theme)", eventID: "\(theme)/\(subject)/\(seq)", sequence: seq,
                                     eventTime: "2020-01-\(String(format: "%02d", seq))T00:00:00Z",
                                     source: "src.\(theme)/0/\(offset)"),
                    aliases: aliases)
    }

    /// `subjects` persons, each with 1-4 versions of 3 themes; every seventh theme row deleted at the end.
    static func generate(subjects: Int, seed: UInt64) -> [SliceChange] {
        var random = SplitMix(seed: seed)
        var changes: [SliceChange] = []
        var offset: Int64 = 0
        for index in 0..<subjects {
            let subject = "4401051980010\(String(format: "%05d", index))"
            for theme in ["marriage", "employer", "education"] {
                let versions = Int64(random.next() % 4) + 1
                for seq in 1...versions {
                    changes.append(change(subject, theme, seq, #"{"v":\#(seq),"t":"\#(theme)","r":\#(random.next() % 1000)}"#, offset: offset))
                    offset += 1
                }
                if random.next() % 7 == 0 {
                    changes.append(change(subject, theme, versions + 1, nil, offset: offset))
                    offset += 1
                }
            }
        }
        return changes
    }
}

/// A tiny deterministic generator for shuffles.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
