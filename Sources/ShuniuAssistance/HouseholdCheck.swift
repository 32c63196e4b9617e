import Foundation
import ShuniuModel

/// One reason a household fails a policy, with the records it rests on.
public struct Finding: Sendable, Hashable {
    /// `income`, `financial-assets`, `vehicles` or `properties`.
    public var rule: String
    /// The reason as the verification report states it (e.g. 家庭拥有机动车) with the figures.
    public var message: String
    /// The records of the mirror that show it.
    public var evidence: [EvidenceRecord]
}

/// The outcome of checking one household against one policy.
public struct Verdict: Sendable, Hashable {
    /// `eligible`, `ineligible`, or `incomplete` (no reason found, but a rule could not be checked).
    public var result: String
    /// Every reason found.
    public var findings: [Finding]
    /// Rules that could not be checked, with why (data the centre is not granted).
    public var unchecked: [String: String]
    /// The figures computed: income per member, assets, vehicles, properties, the line.
    public var figures: [String: Double]
}

/// The household check (pure): a policy applied to the facts of the application day.
public enum HouseholdCheck {
    /// The themes each rule reads.
    public static let themes: [String: [String]] = [
        "income": ["social-insurance"],
        "financial-assets": ["bank-deposits-icbc-guangzhou", "bank-deposits-ccb-guangzhou"],
        "vehicles": ["vehicles"],
        "properties": ["real-estate"],
    ]

    /// Checks `application` against `policy` on `facts`.
    public static func evaluate(_ application: HouseholdApplication, policy: AssistancePolicy, facts: HouseholdFacts) -> Verdict {
        let size = Double(max(application.members.count, 1))
        let year = Int(application.appliedOn.prefix(4)) ?? 0
        let line = Double(policy.line(year: year) ?? 0)
        var findings: [Finding] = []
        var unchecked: [String: String] = [:]
        var figures: [String: Double] = ["line": line, "members": size]
        func blocked(_ rule: String) -> Bool {
            let missing = (themes[rule] ?? []).compactMap { facts.unavailable[$0] }
            if !missing.isEmpty { unchecked[rule] = missing.joined(separator: "; ") }
            return !missing.isEmpty
        }
        if let factor = policy.incomePerMember, !blocked("income") {
            var total = 0.0
            var evidence: [EvidenceRecord] = []
            for member in application.members {
                guard let record = facts.insurance[member] else { continue }
                let income = monthlyIncome(record)
                if income > 0 { evidence.append(record) }
                total += income
            }
            figures["income_per_member"] = total / size
            if total > line * factor * size {
                findings.append(Finding(rule: "income", message: "家庭月人均收入超过标准: \(format(total / size)) > \(format(line * factor)) CNY", evidence: evidence))
            }
        }
        if let months = policy.financialAssetsMonths, !blocked("financial-assets") {
            let total = facts.deposits.reduce(0) { $0 + ($1.number("total_balance") ?? 0) }
            figures["financial_assets"] = total
            if total > line * Double(months) * size {
                findings.append(Finding(rule: "financial-assets", message: "家庭金融资产超过标准: \(format(total)) > \(format(line * Double(months) * size)) CNY", evidence: facts.deposits))
            }
        }
        if let allowed = policy.vehicles, !blocked("vehicles") {
            figures["vehicles"] = Double(facts.vehicles.count)
            if facts.vehicles.count > allowed {
                findings.append(Finding(rule: "vehicles", message: "家庭拥有机动车: \(facts.vehicles.count) > \(allowed)", evidence: facts.vehicles))
            }
        }
        if let allowed = policy.properties, !blocked("properties") {
            figures["properties"] = Double(facts.properties.count)
            if facts.properties.count > allowed {
                findings.append(Finding(rule: "properties", message: "家庭拥有两套以上住房: \(facts.properties.count) > \(allowed)", evidence: facts.properties))
            }
        }
        let result = !findings.isEmpty ? "ineligible" : unchecked.isEmpty ? "eligible" : "incomplete"
        return Verdict(result: result, findings: findings, unchecked: unchecked, figures: figures)
    }

    /// Monthly income a social-insurance record shows: the pension when receiving one, the
    /// contribution base while contributing, else nothing.
    static func monthlyIncome(_ record: EvidenceRecord) -> Double {
        switch record.text("pension_status") {
        case "receiving-pension": record.number("monthly_pension") ?? 0
        case "contributing": record.number("contribution_base") ?? 0
        default: 0
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
