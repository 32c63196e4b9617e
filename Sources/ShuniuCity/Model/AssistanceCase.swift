/// One bank's answer about one household member in a verification.
struct DepositAnswer: Sendable {
    var person: Int
    /// 0: ICBC Guangzhou, 1: CCB Guangzhou.
    var bank: Int
    var accounts: Int
    /// Balances in CNY cents.
    var demand: Int
    var time: Int
    var wealth: Int

    var total: Int { demand + time + wealth }
}

/// A household's application for social assistance and its economic-status verification.
struct AssistanceCase: Sendable {
    var household: Int
    var applicant: Int
    var members: [Int]
    /// Application day; the verification request goes out then.
    var applied: Int
    /// Verification completion day.
    var completed: Int
    var requestNumber: String
    /// A value of `household-economic-check-results.assistance_type`.
    var assistanceType: String
    /// The department that asked for the verification.
    var requestingDepartment: String
    var deposits: [DepositAnswer]
    /// Monthly household income in CNY.
    var monthlyIncome: Int
    var vehicles: Int
    var properties: Int
    /// eligible, ineligible or needs-review.
    var result: String
    var reasons: [String]
    /// Minimum-living allowance: approval day and optional termination day.
    var allowance: (approved: Int, terminated: Int?)?
    /// Public rental housing: allocation day, if housed.
    var housing: (allocated: Int?, estate: Int)?

    /// Financial assets found, CNY cents.
    var financialAssets: Int { deposits.reduce(0) { $0 + $1.total } }
}

/// The minimum-living allowance standard of Guangzhou (CNY per person per month) in a year.
enum AllowanceStandard {
    static func monthly(year: Int) -> Int {
        switch year {
        case ...2015: 650
        case 2016: 840
        case 2017: 900
        case 2018: 950
        case 2019: 1_010
        case 2020: 1_080
        default: 1_120
        }
    }
}
