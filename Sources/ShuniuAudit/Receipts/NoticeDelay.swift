import ShuniuModel

/// The notice delay of investigative grants (``GrantApplication/noticeDelayDays``) applied to
/// a subject's receipts: what the subject's own data use record may show today. Operators'
/// `audit who-received` shows everything; only the subject's view waits.
public enum NoticeDelay {
    /// The receipts `subject` may see on `today`: every receipt, except those under a grant
    /// with a notice delay whose day (the receipt's day plus the delay) has not come. A
    /// withheld receipt is left out without a trace (a count would reveal the investigation).
    public static func visible(_ receipts: [Receipt], grants: GrantTable, today: CalendarDate) -> [Receipt] {
        receipts.filter { receipt in
            guard let id = receipt.grant, let delay = grants.grant(id)?.application.noticeDelayDays else { return true }
            guard let shown = shownOn(receipt, delay: delay) else { return false }
            return shown <= today
        }
    }

    /// The first day a receipt under a grant with `delay` days is shown; nil when its time
    /// is unreadable (then it stays withheld).
    public static func shownOn(_ receipt: Receipt, delay: Int) -> CalendarDate? {
        guard let day = CalendarDate(iso: receipt.time.prefix(10)) else { return nil }
        return CalendarDate(daysSinceEpoch: day.daysSinceEpoch + max(0, min(delay, Catalogue.maximumNoticeDelayDays)))
    }
}
