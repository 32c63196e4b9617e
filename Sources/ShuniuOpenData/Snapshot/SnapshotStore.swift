import Foundation

/// A version of a dataset on disk.
public struct StoredVersion: Sendable, Hashable {
    /// The version number (directory `v<number>`).
    public var number: Int
    /// The version directory.
    public var directory: URL
    /// Its metadata.
    public var metadata: SnapshotMetadata
}

/// Why the store could not do something.
public struct SnapshotStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `version-exists`, `unreadable`, `write-failed`.
    public var code: String
    /// What happened and what to do.
    public var message: String

    /// An error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}

/// The snapshot folder: `<root>/<dataset>/v<N>/{data.csv,data.json,metadata.json}`. Versions
/// are written once (into a temporary directory, then renamed into place) and never rewritten.
/// Open data is public: files are mode 0644, dataset and version folders 0755 whatever the umask
/// (unlike the hub's other files, which hold personal data and are 0600).
public struct SnapshotStore: Sendable {
    /// The mode of every published file.
    public static let fileMode = 0o644
    /// The mode of every dataset and version folder.
    public static let folderMode = 0o755
    /// The output folder.
    public let root: URL

    /// A store at `root` (created on the first write).
    public init(root: URL) { self.root = root }

    /// The datasets that have at least one version, sorted.
    public func datasets() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !versionNumbers($0).isEmpty }.sorted()
    }

    /// The version numbers of a dataset, ascending.
    public func versionNumbers(_ dataset: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(dataset).path)) ?? []
        return names.compactMap { name in name.hasPrefix("v") ? Int(name.dropFirst()) : nil }.sorted()
    }

    /// The versions of a dataset, ascending.
    public func versions(_ dataset: String) throws(SnapshotStoreError) -> [StoredVersion] {
        var result: [StoredVersion] = []
        for number in versionNumbers(dataset) { result.append(try version(dataset, number)) }
        return result
    }

    /// One version.
    public func version(_ dataset: String, _ number: Int) throws(SnapshotStoreError) -> StoredVersion {
        let directory = root.appendingPathComponent(dataset).appendingPathComponent("v\(number)")
        do {
            let data = try Data(contentsOf: directory.appendingPathComponent("metadata.json"))
            return StoredVersion(number: number, directory: directory, metadata: try JSONDecoder().decode(SnapshotMetadata.self, from: data))
        } catch {
            throw SnapshotStoreError(code: "unreadable", message: "\(directory.path)/metadata.json cannot be read (\(error)); restore the version or move it away")
        }
    }

    /// The bytes of a file of a version.
    public func file(_ version: StoredVersion, _ name: String) throws(SnapshotStoreError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: version.directory.appendingPathComponent(name)))
        } catch {
            throw SnapshotStoreError(code: "unreadable", message: "\(version.directory.path)/\(name) cannot be read (\(error))")
        }
    }

    /// Writes version `number` of `dataset` with `files` (name → bytes); refuses to touch an
    /// existing version.
    public func write(_ dataset: String, version number: Int, files: [(name: String, bytes: [UInt8])]) throws(SnapshotStoreError) -> URL {
        let folder = root.appendingPathComponent(dataset)
        let target = folder.appendingPathComponent("v\(number)")
        let manager = FileManager.default
        guard !manager.fileExists(atPath: target.path) else {
            throw SnapshotStoreError(code: "version-exists", message: "\(target.path) already exists; versions are immutable, another publisher may be running on the same folder")
        }
        let staging = folder.appendingPathComponent(".staging-v\(number)-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for file in files {
                let url = staging.appendingPathComponent(file.name)
                try Data(file.bytes).write(to: url)
                try manager.setAttributes([.posixPermissions: Self.fileMode], ofItemAtPath: url.path)
            }
            for directory in [folder, staging] { try manager.setAttributes([.posixPermissions: Self.folderMode], ofItemAtPath: directory.path) }
            try manager.moveItem(at: staging, to: target)
        } catch {
            try? manager.removeItem(at: staging)
            throw SnapshotStoreError(code: "write-failed", message: "cannot write \(target.path) (\(error)); check the folder's permissions and free space")
        }
        return target
    }
}
