import Dispatch
import Foundation
import ShuniuModel
import Synchronization

/// Writes a city as department change feeds: `<provider>/<theme>.jsonl` for every theme the
/// generator fills, `households.jsonl` and `manifest.json` (sorted keys).
///
/// Themes are composed and written in parallel, one theme per worker at a time; lines are
/// sorted per theme (time, subject, sequence), so the output does not depend on the number of
/// workers or the order they finish in.
public struct CityWriter: Sendable {
    /// The catalogue that names the themes and their providers.
    public let catalogue: Catalogue
    /// The output directory.
    public let directory: URL
    /// Parallel workers.
    public let workers: Int

    /// A writer into `directory` (created if needed).
    public init(catalogue: Catalogue, directory: URL, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.catalogue = catalogue
        self.directory = directory
        self.workers = max(1, workers)
    }

    /// Writes the city; `progress` is called with the running line count about every 100 000 lines.
    public func write(_ city: City, progress: (@Sendable (Int) -> Void)? = nil) throws(CityWriterError) -> CityReport {
        let missing = DistrictAtlas.all.map(\.id).filter { catalogue.district($0) == nil }
        guard missing.isEmpty else { throw .unknownDistricts(missing) }
        try prepareDirectory()
        let jobs = ThemeComposers.all.compactMap { composer in catalogue.theme(composer.themeID).map { (composer, $0) } }
        let results = Mutex<[CityReport.FeedFile]>([])
        let failure = Mutex<CityWriterError?>(nil)
        let next = Atomic<Int>(0)
        let written = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(workers, max(1, jobs.count))) { _ in
            while true {
                let job = next.add(1, ordering: .relaxed).oldValue
                guard job < jobs.count, failure.withLock({ $0 == nil }) else { return }
                let (composer, theme) = jobs[job]
                do throws(CityWriterError) {
                    let file = try writeTheme(theme, composer: composer, city: city, written: written, progress: progress)
                    results.withLock { $0.append(file) }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let households = try HouseholdList(city: city).write(to: directory.appendingPathComponent(HouseholdList.fileName))
        let filled = Set(jobs.map { $0.1.id })
        let report = CityReport(files: results.withLock { $0 }.sorted { $0.path < $1.path },
                                emptyThemes: catalogue.themes.map(\.id).filter { !filled.contains($0) },
                                households: households, inconsistencies: city.inconsistencies)
        try CityManifest(city: city, report: report, catalogue: catalogue)
            .write(to: directory.appendingPathComponent(CityManifest.fileName))
        return report
    }

    private func writeTheme(_ theme: Theme, composer: any ThemeComposer, city: City, written: borrowing Atomic<Int>,
                            progress: (@Sendable (Int) -> Void)?) throws(CityWriterError) -> CityReport.FeedFile {
        let lines = ThemeLines(theme: theme, seed: city.parameters.seed)
        composer.compose(city, into: lines)
        let folder = directory.appendingPathComponent(theme.provider)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(folder.path, "\(error)")
        }
        var sink = try LineSink(url: folder.appendingPathComponent("\(theme.id).jsonl"))
        var pending = 0
        var sinkError: CityWriterError?
        lines.forEachSorted { line in
            guard sinkError == nil else { return }
            do throws(CityWriterError) {
                try sink.writeLine(line)
            } catch {
                sinkError = error
            }
            pending += 1
            if pending == 10_000 {
                report(pending, written: written, progress: progress)
                pending = 0
            }
        }
        if let sinkError { throw sinkError }
        report(pending, written: written, progress: progress)
        try sink.close()
        return CityReport.FeedFile(path: "\(theme.provider)/\(theme.id).jsonl", department: theme.provider, theme: theme.id,
                                   lines: lines.count)
    }

    private func report(_ count: Int, written: borrowing Atomic<Int>, progress: (@Sendable (Int) -> Void)?) {
        let before = written.add(count, ordering: .relaxed).oldValue
        if let progress, (before + count) / 100_000 > before / 100_000 { progress(before + count) }
    }

    /// Creates the directory, or empties one that holds an earlier generated city.
    private func prepareDirectory() throws(CityWriterError) {
        let manager = FileManager.default
        let path = directory.path
        do {
            if manager.fileExists(atPath: path) {
                let entries = try manager.contentsOfDirectory(atPath: path)
                guard entries.isEmpty || entries.contains(CityManifest.fileName) else { throw CityWriterError.directoryInUse(path) }
                for entry in entries {
                    try manager.removeItem(at: directory.appendingPathComponent(entry))
                }
            } else {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            }
        } catch let error as CityWriterError {
            throw error
        } catch {
            throw .writeFailed(path, "\(error)")
        }
    }
}
