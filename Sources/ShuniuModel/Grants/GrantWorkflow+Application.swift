extension GrantWorkflow {
    /// Checks an application against the catalogue: theme shared, function held and
    /// entitled, fields, masks and scope known, dates valid.
    func checkApplication(_ application: GrantApplication) throws(GrantRefusal) {
        guard let theme = catalogue.theme(application.theme) else {
            throw GrantRefusal(.unknownTheme, "no theme \(application.theme) in the catalogue; see `shuniu catalog show`")
        }
        guard theme.share.type != .none else {
            throw GrantRefusal(.notShared, "\(theme.id) is not shared (share type none, 不予共享)")
        }
        guard let subscriber = catalogue.department(application.subscriber) else {
            throw GrantRefusal(.unknownDepartment, "no department \(application.subscriber) in the catalogue")
        }
        guard subscriber.holds(application.function) else {
            throw GrantRefusal(.functionNotHeld, "\(subscriber.id) does not hold the function \(application.function); it holds \(subscriber.functions.joined(separator: ", "))")
        }
        guard theme.entitles(application.function) else {
            throw GrantRefusal(.functionNotEntitled, "\(theme.id) is not entitled to the function \(application.function); entitled: \(theme.functions.joined(separator: ", "))")
        }
        guard !application.basis.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GrantRefusal(.basisRequired, "an application needs its legal basis (--basis \"...\")")
        }
        guard !application.fields.isEmpty else {
            throw GrantRefusal(.noFields, "an application names the fields it needs (--fields a,b,c)")
        }
        for field in application.fields where theme.field(field) == nil {
            throw GrantRefusal(.unknownField, "\(theme.id) has no field \(field); its fields: \(theme.fields.map(\.name).joined(separator: ", "))")
        }
        for (field, rule) in application.masks {
            guard application.fields.contains(field) || field == theme.subject.key else {
                throw GrantRefusal(.badMask, "mask on \(field), which is not among the granted fields")
            }
            _ = try MaskRule(parsing: rule)
        }
        for (field, values) in application.scope {
            guard theme.field(field) != nil else {
                throw GrantRefusal(.badScope, "scope on \(field), which \(theme.id) does not have")
            }
            guard !values.isEmpty else { throw GrantRefusal(.badScope, "scope on \(field) lists no value") }
        }
        if let delay = application.noticeDelayDays {
            guard catalogue.noticeDelayFunctions.contains(application.function) else {
                throw GrantRefusal(.badNoticeDelay, "a notice delay is only for the investigative functions (\(catalogue.noticeDelayFunctions.joined(separator: ", "))); \(application.function) is not one: apply without it")
            }
            guard (1...Catalogue.maximumNoticeDelayDays).contains(delay) else {
                throw GrantRefusal(.badNoticeDelay, "a notice delay is 1 to \(Catalogue.maximumNoticeDelayDays) days, not \(delay)")
            }
        }
        if let until = application.until, CalendarDate(iso: until) == nil {
            throw GrantRefusal(.badDate, "--until \(until) is not a date (YYYY-MM-DD)")
        }
    }

    /// Applications still waiting for a decision after `workingDays` working days (Monday
    /// to Friday) on `today`.
    public func overdue(_ table: GrantTable, today: CalendarDate, workingDays: Int = 5) -> [Grant] {
        table.all.filter { grant in
            guard grant.state == .applied, let applied = grant.history.first.flatMap({ CalendarDate(iso: $0.at.prefix(10)) }) else {
                return false
            }
            return Self.workingDays(from: applied, to: today) > workingDays
        }
    }

    /// Working days (Monday to Friday) after `start` up to and including `end`.
    public static func workingDays(from start: CalendarDate, to end: CalendarDate) -> Int {
        guard end > start else { return 0 }
        var count = 0
        for day in (start.daysSinceEpoch + 1)...end.daysSinceEpoch {
            let weekday = (day + 4) % 7  // 0 = Sunday; 1970-01-01 was a Thursday
            if weekday != 0 && weekday != 6 { count += 1 }
        }
        return count
    }
}
