import Foundation
import ShuniuAssistance
import ShuniuModel

/// How verdicts and batch reports are shown.
enum CheckPrinter {
    static func print(_ application: HouseholdApplication, policy: AssistancePolicy, verdict: Verdict) {
        Console.say("\(policy.title) (\(policy.id)), \(application.members.count) member(s), applied \(application.appliedOn): \(verdict.result)")
        for (name, value) in verdict.figures.sorted(by: { $0.key < $1.key }) {
            Console.say("  \(name): \(value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value))")
        }
        for finding in verdict.findings {
            Console.say("  ✗ \(finding.message)")
            for record in finding.evidence { Console.say("      \(record.citation)") }
        }
        for (rule, why) in verdict.unchecked.sorted(by: { $0.key < $1.key }) {
            Console.say("  ? \(rule) not checked: \(why)")
        }
    }

    static func print(_ report: BatchReport, seconds: Double) {
        Console.say("cases checked        \(report.cases)")
        Console.say("found ineligible     \(report.ineligible) (\(String(format: "%.2f", report.detectionRate)) %)")
        if report.incomplete > 0 { Console.say("incomplete           \(report.incomplete) (data the centre is not granted)") }
        for (rule, count) in report.byRule.sorted(by: { $0.key < $1.key }) { Console.say("  \(rule): \(count)") }
        if report.known > 0 {
            Console.say("known ineligible found \(report.agreedIneligible), missed \(report.missed.count), extra \(report.extra.count)")
            if !report.missed.isEmpty { Console.say("  missed: \(report.missed.prefix(20).joined(separator: " "))") }
            if !report.extra.isEmpty { Console.say("  extra: \(report.extra.prefix(20).joined(separator: " "))") }
        }
        Console.say(String(format: "%.1f s, %.0f checks/s", seconds, Double(report.cases) / max(seconds, 0.001)))
    }

    /// One verdict as a JSON line.
    static func json(_ application: HouseholdApplication, verdict: Verdict) -> String {
        let object: [String: Any] = [
            "request_no": application.requestNumber ?? "", "assistance_type": application.assistanceType,
            "applied_on": application.appliedOn, "members": application.members, "result": verdict.result,
            "expected": application.expected ?? NSNull(), "figures": verdict.figures,
            "reasons": verdict.findings.map { finding in
                ["rule": finding.rule, "message": finding.message,
                 "evidence": finding.evidence.map { ["theme": $0.theme, "subject": $0.subject, "event": $0.eventID,
                                                     "provider": $0.provider, "grant": $0.grant, "position": $0.position] }] as [String: Any]
            },
            "unchecked": verdict.unchecked,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
