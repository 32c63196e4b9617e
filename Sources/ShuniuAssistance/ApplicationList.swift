import Foundation

/// The applications file of `shuniu check batch`: CSV with a header line
/// `request_no,assistance_type,applied_on,members[,expected]`, members separated by `;`.
public enum ApplicationList {
    /// The header line written and expected.
    public static let header = "request_no,assistance_type,applied_on,members,expected"

    /// Reads the file; a bad line fails with its number and what to fix.
    public static func read(_ path: String) throws -> [HouseholdApplication] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AssistanceError(code: "bad-application", message: "cannot read \(path)")
        }
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let first = lines.first, first.hasPrefix("request_no,assistance_type,applied_on,members") else {
            throw AssistanceError(code: "bad-application", message: "\(path):1: the first line must be '\(header)' (expected is optional)")
        }
        lines.removeFirst()
        return try lines.enumerated().map { index, line in
            let values = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard values.count >= 4, !values[1].isEmpty, values[2].count == 10, !values[3].isEmpty else {
                throw AssistanceError(code: "bad-application", message: "\(path):\(index + 2): need request_no,assistance_type,applied_on (YYYY-MM-DD),members (citizen IDs separated by ';')")
            }
            return HouseholdApplication(requestNumber: values[0].isEmpty ? nil : values[0], assistanceType: values[1],
                                        appliedOn: values[2], members: values[3].split(separator: ";").map(String.init),
                                        expected: values.count > 4 && !values[4].isEmpty ? values[4] : nil)
        }
    }

    /// The CSV line of an application.
    public static func line(_ application: HouseholdApplication) -> String {
        [application.requestNumber ?? "", application.assistanceType, application.appliedOn,
         application.members.joined(separator: ";"), application.expected ?? ""].joined(separator: ",")
    }

    /// The applications a generated city made (`shuniu generate`): from the check centre's
    /// results (request number, type, known result) and `households.jsonl` (members). The day of
    /// application is part of the request number (`HJ<yyyyMMdd><n>`). This reads the raw city
    /// files to build the *input* and the *known truth*; the checks themselves read only the mirror.
    public static func fromCity(_ directory: URL) throws -> [HouseholdApplication] {
        let results = directory.appendingPathComponent("household-economic-check-centre/household-economic-check-results.jsonl")
        let households = directory.appendingPathComponent("households.jsonl")
        guard let resultText = try? String(contentsOf: results, encoding: .utf8),
              let householdText = try? String(contentsOf: households, encoding: .utf8) else {
            throw AssistanceError(code: "bad-application", message: "\(directory.path) is not a generated city (no households.jsonl or check results); run `shuniu generate --out \(directory.path)`")
        }
        var householdOf: [String: [String]] = [:]
        for line in householdText.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let members = object["members"] as? [String] else { continue }
            for member in members { householdOf[member] = members }
        }
        var latest: [String: [String: Any]] = [:]
        var order: [String] = []
        for line in resultText.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let number = object["request_no"] as? String else { continue }
            if latest[number] == nil { order.append(number) }
            latest[number] = object
        }
        return order.compactMap { number in
            guard let object = latest[number], let applicant = object["citizen_id"] as? String,
                  let type = object["assistance_type"] as? String, number.count >= 10 else { return nil }
            let digits = Array(number.dropFirst(2).prefix(8))
            let day = "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))"
            return HouseholdApplication(requestNumber: number, assistanceType: type, appliedOn: day,
                                        members: householdOf[applicant] ?? [applicant], expected: object["result"] as? String)
        }
    }
}
