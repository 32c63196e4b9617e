/// The dates a workflow step (an objection step, a deadline counted from one) may carry.
///
/// Days of the workflow are counted one by one (working days to a deadline), so a date far in
/// the future is not only nonsense but work: `9999-12-31` plus five working days is no date at
/// all. Steps dated outside `years` are refused with a stable code (docs/bounds.md).
public enum WorkflowDates {
    /// The years a workflow step may be dated in.
    public static let years: ClosedRange<Int> = 2000...2100

    /// The most working days a deadline may be counted over (about 40 years).
    public static let maximumWorkingDays = 10_000

    /// Whether `date` lies in ``years``.
    public static func contains(_ date: CalendarDate) -> Bool { years.contains(date.year) }
}
