import ArgumentParser
import Foundation
import ShuniuLibraries
import ShuniuModel

/// `shuniu quality`: the data comparison report over the projected libraries.
struct QualityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "List inconsistencies across themes (数据比对), with counts per providing department.",
        discussion: """
        Looks for: marriage records naming a spouse who is not in the person library; person records dated on or
        after the person's death; tax registrations of credit codes no registry knows; birth dates that disagree
        between the citizen ID, household registration and the birth record. Exit status 0 either way; --strict
        exits 3 when anything is found.
        """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var library: LibraryOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "Findings listed per kind in text output (all with --json).")
    var show = 10

    @Flag(help: "Exit 3 when any inconsistency is found.")
    var strict = false

    func run() throws {
        let store = try library.openExisting()
        let report = try QualityCheck(store: store, catalogue: try catalog.load()).run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let counts = report.counts.reduce(into: [String: [String: Int]]()) { $0[$1.key.rawValue] = $1.value }
            struct Output: Encodable { var findings: [QualityFinding]; var counts: [String: [String: Int]] }
            Console.say(String(decoding: try encoder.encode(Output(findings: report.findings, counts: counts)), as: UTF8.self))
        } else {
            Console.say("data comparison of \(library.library): \(report.findings.count) inconsistenc\(report.findings.count == 1 ? "y" : "ies")")
            let counts = report.counts
            for kind in QualityFinding.Kind.allCases {
                let byDepartment = counts[kind] ?? [:]
                let total = byDepartment.values.reduce(0, +)
                let departments = byDepartment.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                Console.say("  \(kind.rawValue): \(total)\(total > 0 ? " (\(departments))" : "")")
                for finding in report.findings.filter({ $0.kind == kind }).prefix(show) {
                    Console.say("    \(finding.subject) [\(finding.theme)] \(finding.detail)")
                }
            }
        }
        if strict && !report.findings.isEmpty { throw ExitCode(3) }
    }
}
