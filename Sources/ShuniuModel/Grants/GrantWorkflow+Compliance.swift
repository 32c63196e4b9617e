extension GrantWorkflow {
    /// The compliance check that enforces the catalogue beyond names and functions, run on
    /// every application after `checkApplication`: a district body's scope (`DistrictScope`),
    /// the sensitivity table's refusals (`SensitivityPolicy`) and the consistency of masks on
    /// identifiers across the department's grants (`MaskConsistency`).
    func checkCompliance(_ application: GrantApplication, table: GrantTable, at time: String) throws(GrantRefusal) {
        guard let theme = catalogue.theme(application.theme), let subscriber = catalogue.department(application.subscriber) else {
            return  // already refused by checkApplication
        }
        try DistrictScope.check(application, theme: theme, subscriber: subscriber)
        let (decision, field) = SensitivityPolicy.standard.decision(for: application, theme: theme, subscriber: subscriber)
        if decision == .refused, let field {
            throw GrantRefusal(.secretToDistrict, "\(theme.id).\(field.name) is secret and \(subscriber.id) is a district body, "
                               + "which never receives a secret value in clear; leave \(field.name) out of --fields, "
                               + "or mask it (--mask \(field.name)=drop) and let \(theme.provider) decide")
        }
        try MaskConsistency.check(application, id: nil, table: table, catalogue: catalogue, on: Self.day(of: time))
    }

    /// Who decides `application` under the sensitivity table: `.hub` when the compliance
    /// check approves it at once, with the field that raised the decision, if any.
    public func decider(of application: GrantApplication) -> (decision: SensitivityPolicy.Decision, field: FieldSpec?) {
        guard let theme = catalogue.theme(application.theme), let subscriber = catalogue.department(application.subscriber) else {
            return (.refused, nil)
        }
        return SensitivityPolicy.standard.decision(for: application, theme: theme, subscriber: subscriber)
    }

    /// The calendar day of an event's RFC 3339 time, if it has one.
    static func day(of time: String) -> CalendarDate? { CalendarDate(iso: time.prefix(10)) }
}
