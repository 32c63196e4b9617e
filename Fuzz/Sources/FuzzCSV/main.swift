import Foundation
import FuzzSupport
import ShuniuModel
@testable import ShuniuAdapters

private let theme = FuzzSupport.catalogue.theme("household-registration")
private let path = NSTemporaryDirectory() + "shuniu-fuzz-csv-\(getpid()).csv"

/// The fuzz target: the CSV reader of department exports, reading the input as a file for the
/// household-registration theme to its end; and its quote state, which must agree with the
/// splitter on whether the input ends inside a quoted value.
private func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var quotes = CSVSplitter.QuoteState()
    quotes.feed(bytes)
    guard quotes.isOpen == (CSVSplitter.split(bytes) == nil) else { fatalError("the quote state disagrees with the splitter") }
    guard let theme, FileManager.default.createFile(atPath: path, contents: Data(UnsafeBufferPointer(start: data, count: size))) else { return 0 }
    guard let reader = try? makeFeedReader(path: path, format: .csv, theme: theme) else { return 0 }
    var lines = 0
    while let line = try? reader.next() {
        lines += 1
        if case .success(let record) = line.record { _ = record }
        if lines > 1_000_000 { fatalError("the reader does not reach the end of a \(size)-byte file") }
    }
    return 0
}

FuzzSupport.run { data, size in fuzzCSV(data, size) }
