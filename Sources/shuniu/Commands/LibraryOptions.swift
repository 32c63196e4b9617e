import ArgumentParser
import Foundation
import ShuniuLibraries

/// `--library FILE`: the library store file shared by the projector, queries and the API.
struct LibraryOptions: ParsableArguments {
    @Option(help: "The library file (default $SHUNIU_LIBRARY or .shuniu/library.sqlite).")
    var library: String = ProcessInfo.processInfo.environment["SHUNIU_LIBRARY"].flatMap { $0.isEmpty ? nil : $0 }
        ?? ".shuniu/library.sqlite"

    /// Opens the store for writing, creating its directory and file if needed.
    func openStore(bulk: Bool = false) throws -> SQLiteLibraryStore {
        let directory = URL(fileURLWithPath: library).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try SQLiteLibraryStore(path: library, bulk: bulk)
    }

    /// Opens an existing store for reading; a missing file is an error that says what to run.
    func openExisting() throws -> SQLiteLibraryStore {
        guard FileManager.default.fileExists(atPath: library) else {
            throw ValidationError("no library at \(library): run `shuniu project --until-end` (or the demo) first, or pass --library FILE")
        }
        return try SQLiteLibraryStore(path: library)
    }
}
