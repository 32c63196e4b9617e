import ArgumentParser
import Foundation
import ShuniuAdapters
import ShuniuKafka
import ShuniuModel

/// `shuniu publish`: a department publishes an export of one theme to `src.<theme>`.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Validate a department export (JSON Lines or CSV) and publish its rows to src.<theme>.",
        discussion: """
            Each line is validated against the catalogue before it leaves the department; invalid \
            lines go to the reject file with their line number, reason code and message. \
            Exit status: 0 when every line was published, 2 when some lines were rejected or not \
            delivered (the others were published), 1 when the file was refused as a whole. \
            See docs/adapters.md.
            """
    )

    @Option(name: .customLong("as"), help: "The publishing department (the theme's authoritative provider).")
    var department: String

    @Option(help: "The theme the export holds.")
    var theme: String

    @Argument(help: "The export file.")
    var file: String

    @Option(help: "jsonl or csv (default: by the file's extension, .csv or JSON Lines).")
    var format: FeedFormat?

    @Option(help: "Where rejected lines go (default: FILE.rejects.jsonl).")
    var rejects: String?

    @Option(help: "The catalogue directory.")
    var catalog = "topics"

    @Option(help: "Records per produce batch.")
    var batchSize = 10_000

    @OptionGroup var broker: BrokerOptions

    func run() async throws {
        let catalogue = try CatalogueLoader.load(directory: URL(fileURLWithPath: catalog))
        let options = PublishOptions(department: department, theme: theme, file: file, format: format,
                                     rejectsFile: rejects, batchSize: batchSize)
        let publisher = try FeedPublisher(catalogue: catalogue, options: options)
        var config = ProducerConfig(client: broker.client(id: "shuniu-publish-\(department)"))
        config.linger = .milliseconds(20)
        let producer = try KafkaProducer(config: config)
        let summary = try await publisher.publish(with: producer) { progress in
            let rate = Double(progress.lines) / max(progress.elapsed.seconds, 0.001)
            Console.progress("\(publisher.topic): \(progress.lines) lines read, \(progress.published) published, \(progress.rejected) rejected (\(Console.grouped(rate)) lines/s)")
        }
        await producer.close()
        Console.endProgress()
        report(summary, topic: publisher.topic)
        if !summary.isComplete { throw ExitCode(2) }
    }

    private func report(_ summary: PublishSummary, topic: String) {
        let rate = Double(summary.lines) / max(summary.elapsed.seconds, 0.001)
        Console.say("published \(summary.published) of \(summary.lines) lines to \(topic) in \(String(format: "%.1f", summary.elapsed.seconds)) s (\(Console.grouped(rate)) lines/s)")
        guard let rejectsFile = summary.rejectsFile else { return }
        let codes = summary.rejected.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        Console.say("rejected \(summary.rejectedCount): \(codes); see \(rejectsFile)")
    }
}

extension FeedFormat: ExpressibleByArgument {}
