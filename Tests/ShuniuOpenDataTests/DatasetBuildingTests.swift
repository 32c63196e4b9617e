import ShuniuModel
import ShuniuOpenData
import Testing

@Suite struct DatasetBuildingTests {
    func event(_ subject: String, _ sequence: Int64, _ row: Row?, time: String = "2026-01-02T03:04:05Z") -> ValidatedEvent {
        let event = row.map { ChangeEvent.upsert(id: "\(subject)/\(sequence)", source: "p", theme: "t", subject: subject, time: time, sequence: sequence, row: $0) }
            ?? ChangeEvent.delete(id: "\(subject)/\(sequence)", source: "p", theme: "t", subject: subject, time: time, sequence: sequence)
        return ValidatedEvent(event: event, row: row)
    }

    @Test func theStateKeepsTheLatestRowBySequenceAndDeletesRemove() {
        var state = ThemeState(theme: "t")
        state.apply(event("a", 2, ["k": "a2"], time: "2026-01-03T00:00:00Z"))
        state.apply(event("a", 1, ["k": "a1"], time: "2026-01-01T00:00:00Z"))
        state.apply(event("b", 1, ["k": "b1"]))
        state.apply(event("c", 1, ["k": "c1"]))
        state.apply(event("c", 2, nil))
        state.apply(event("c", 1, ["k": "c1"]))
        #expect(state.rows == [["k": "a2"], ["k": "b1"]])
        #expect(state.latestTime == "2026-01-03T00:00:00Z")
    }

    @Test func ageBandsAndPeriodsAreTakenAtTheReferenceDate() {
        let reference = CalendarDate(year: 2026, month: 6, day: 30)!
        let band = Dimension.ageBand("birth_date")
        #expect(band.label(of: ["birth_date": "2011-06-30"], at: reference) == "15-24", "15 on the day")
        #expect(band.label(of: ["birth_date": "2011-07-01"], at: reference) == "0-14")
        #expect(band.label(of: ["birth_date": "1961-01-01"], at: reference) == "65+")
        #expect(band.label(of: ["birth_date": .null], at: reference) == nil)
        let period = Dimension.period("registered_on")
        #expect(period.label(of: ["registered_on": "1985-03-01"], at: reference) == "before 1990")
        #expect(period.label(of: ["registered_on": "1999-12-31"], at: reference) == "1990-1999")
        #expect(period.label(of: ["registered_on": "2012-01-01"], at: reference) == "2010-2014")
        #expect(period.label(of: ["registered_on": "2019-05-05"], at: reference) == "2019")
        #expect(Dimension.industrySection("industry").label(of: ["industry": "I6513"], at: reference) == "I")
    }

    @Test func aCountTableIsBuiltInDeclaredLabelOrder() throws {
        let theme = try #require(Repository.catalogue.theme("household-registration"))
        let dataset = try #require(OpenDataset.standard.first { $0.id == "residents-by-district-sex-age" })
        let rows: [Row] = [
            ["district": "tianhe", "sex": "female", "birth_date": "1990-01-01", "registration_status": "active"],
            ["district": "yuexiu", "sex": "male", "birth_date": "2020-01-01", "registration_status": "active"],
            ["district": "yuexiu", "sex": "female", "birth_date": "1950-01-01", "registration_status": "active"],
            ["district": "yuexiu", "sex": "female", "birth_date": "1950-01-01", "registration_status": "deceased"],
        ]
        guard case .counts(let table) = DatasetBuilder.build(dataset, theme: theme, rows: rows, latestTime: "2026-06-30T01:00:00Z") else {
            Issue.record("not a count table")
            return
        }
        #expect(table.rows == [["yuexiu", "male"], ["yuexiu", "female"], ["tianhe", "female"]], "districts and sexes in catalogue order")
        #expect(table.columns == ["0-14", "35-44", "65+"])
        #expect(table.counts == [[1, 0, 0], [0, 0, 1], [0, 1, 0]], "the deceased row is filtered out")
    }

    @Test func recordRowsCarryExactlyTheDatasetFieldsInOrder() throws {
        let theme = try #require(Repository.catalogue.theme("administrative-penalties"))
        let dataset = try #require(OpenDataset.standard.first { $0.id == "administrative-penalties" })
        let rows: [Row] = [["decision_no": "1", "offender_kind": "person", "offender_name": "林**", "offender_citizen_id": "x"],
                           ["decision_no": "2", "offender_kind": "legal-entity", "offender_name": "广州某某有限公司", "offender_citizen_id": .null]]
        guard case .records(let fields, let built) = DatasetBuilder.build(dataset, theme: theme, rows: rows, latestTime: nil) else {
            Issue.record("not records")
            return
        }
        #expect(built.count == 1 && built[0]["decision_no"] == "2", "only organisations")
        #expect(built[0].names == fields && !fields.contains("offender_citizen_id"))
    }
}
