import Foundation
import ShuniuAdapters
import ShuniuCity
import ShuniuKafka
import ShuniuModel

/// Publishes a generated city's department feeds to their `src.` topics through the adapter
/// path (`FeedPublisher`: each line validated before it leaves), with a progress line.
struct CityPublication {
    let client: KafkaClientConfig
    let catalogue: Catalogue
    let directory: URL

    /// Publishes every feed of `report` whose theme `include` accepts; returns the number of
    /// records published.
    func publish(_ report: CityReport, include: (String) -> Bool = { _ in true }) async throws -> Int {
        var config = ProducerConfig(client: client)
        config.linger = .milliseconds(20)
        let producer = try KafkaProducer(config: config)
        let files = report.files.filter { include($0.theme) }
        var total = 0
        for (index, file) in files.enumerated() {
            let options = PublishOptions(department: file.department, theme: file.theme,
                                         file: directory.appendingPathComponent(file.path).path)
            let summary = try await FeedPublisher(catalogue: catalogue, options: options).publish(with: producer)
            total += summary.published
            Console.progress("   [\(index + 1)/\(files.count)] \(file.department) → src.\(file.theme): \(summary.published)")
        }
        Console.endProgress()
        await producer.close()
        return total
    }
}
