import CFuzzer
import Foundation
import ShuniuModel

/// What every fuzz target shares: the repository's catalogue, a fixed hub secret, a grant
/// table, and the splitting of one fuzz input into parts. Built only by `ops/fuzz.sh`.
public enum FuzzSupport {
    /// The repository's catalogue (`topics/`, or `$SHUNIU_TOPICS`).
    public static let catalogue: Catalogue = {
        let directory = ProcessInfo.processInfo.environment["SHUNIU_TOPICS"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../topics").standardizedFileURL
        do {
            return try CatalogueLoader.load(directory: directory)
        } catch {
            FileHandle.standardError.write(Data("fuzz: cannot load the catalogue at \(directory.path): \(error)\n".utf8))
            exit(2)
        }
    }()

    /// A fixed hub secret (fuzzing needs no real one).
    public static let secret: HubSecret = {
        guard let secret = try? HubSecret(bytes: Array(repeating: 0x5A, count: 32)) else { exit(2) }
        return secret
    }()

    /// Two unconditional grants, as the integration tests make them: household registration to
    /// civil affairs (citizen ID pseudonymised), marriage to housing.
    public static let grants: GrantTable = table(for: [
        ("g-civil", GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                                     basis: "社会救助暂行办法", fields: ["name", "district"], masks: ["citizen_id": "pseudonym"])),
        ("g-grid", GrantApplication(subscriber: "panyu-grid-centre", theme: "household-registration", function: "grid-management",
                                    basis: "网格化服务管理办法", fields: ["name", "district", "address"],
                                    masks: ["citizen_id": "partial:3:2"], scope: ["district": ["panyu"]])),
        ("g-housing", GrantApplication(subscriber: "housing-construction", theme: "marriage", function: "housing-security",
                                       basis: "住房保障", fields: ["status"])),
    ])

    /// The table the workflow makes of `applications` (each approved when its theme is conditional).
    public static func table(for applications: [(String, GrantApplication)]) -> GrantTable {
        var table = GrantTable()
        let workflow = GrantWorkflow(catalogue: catalogue)
        for (id, application) in applications {
            guard let events = try? workflow.apply(application, id: id, at: "2025-01-02T09:00:00Z", table: table) else { continue }
            for event in events { table.apply(event, catalogue: catalogue) }
        }
        return table
    }

    /// Runs libFuzzer on `target` with the process's arguments (libFuzzer's own flags and
    /// corpus folders) and exits with its status: non-zero when an input crashed the target.
    public static func run(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, target))
    }

    /// `bytes` cut at every `separator` (empty parts kept).
    public static func parts(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [[UInt8]] {
        bytes.split(separator: separator, omittingEmptySubsequences: false).map(Array.init)
    }
}
