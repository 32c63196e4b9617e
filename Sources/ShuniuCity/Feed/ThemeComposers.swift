/// Every theme the generator fills, largest feeds first (so parallel writers finish together).
enum ThemeComposers {
    static let all: [any ThemeComposer] = [
        HouseholdRegistrationComposer(), EducationComposer(), SocialInsuranceComposer(), EmployerComposer(),
        MarriageComposer(), HousingFundComposer(), TaxPaidComposer(), BirthComposer(), RealEstateComposer(),
        VehicleComposer(), MigrantResidenceComposer(), CarQuotaComposer(), RentalHousingComposer(), DeathComposer(),
        CremationComposer(), DisabilityComposer(), BankDepositComposer(themeID: "bank-deposits-icbc-guangzhou", bank: 0),
        BankDepositComposer(themeID: "bank-deposits-ccb-guangzhou", bank: 1), EconomicCheckComposer(),
        MinimumLivingAllowanceComposer(), PublicRentalHousingComposer(), MentalHealthComposer(),
        EnterpriseRegistrationComposer(), SoleTraderComposer(), OrganisationCodeComposer(), TaxRegistrationComposer(),
        SocialInsuranceRegistrationComposer(), AnnualReportComposer(), PublicInstitutionComposer(),
        SocialOrganisationComposer(), LicenceComposer(), PenaltyComposer(), CourtDebtorComposer(), ELicenceComposer(),
        LandTransferComposer(), DangerousBuildingComposer(), CriminalCaseComposer(),
        GridVisitComposer(themeID: "grid-visits-panyu", district: "panyu", workers: "PY"),
        GridVisitComposer(themeID: "grid-visits-tianhe", district: "tianhe", workers: "TH"),
    ]

    /// The composer of a theme id, if the generator fills that theme.
    static func composer(for themeID: String) -> (any ThemeComposer)? {
        all.first { $0.themeID == themeID }
    }
}
