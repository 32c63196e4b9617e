import ShuniuModel

extension OpenDataset {
    /// Holders and offenders that are organisations. Sole traders stay out of the credit
    /// datasets: one without a shop name is published under its operator's own name.
    private static let entity = ["legal-entity"]

    /// The datasets the hub opens for the shipped catalogue, filled from what the synthetic
    /// city provides. Record-level datasets take only public fields of `open` themes (and never
    /// a person's name or ID: legal representatives and operators stay out, and double-publicity
    /// records are limited to organisations); everything about persons is a count table.
    public static let standard: [OpenDataset] = [
        // 人口资源
        OpenDataset(id: "residents-by-district-sex-age", title: LocalizedName(zh: "户籍人口（按区、性别、年龄段）", en: "Registered residents by district, sex and age band"),
                    description: "Persons with an active household registration, by district, sex and age band at the date of the latest change.",
                    domain: "population", theme: "household-registration",
                    content: .counts(rows: [.field("district"), .field("sex")], column: .ageBand("birth_date")),
                    only: ["registration_status": ["active"]]),
        OpenDataset(id: "births-by-district-period", title: LocalizedName(zh: "出生人口（按区、年份）", en: "Births by district and period"),
                    description: "Medical certificates of birth by district and period of birth (decade, then year from 2015).",
                    domain: "population", theme: "birth",
                    content: .counts(rows: [.field("district")], column: .period("birth_date"))),
        OpenDataset(id: "migrant-residents-by-district-sex", title: LocalizedName(zh: "来穗人员居住登记（按区、性别）", en: "Registered migrant residents by district and sex"),
                    description: "Migrant residents currently residing, by district and sex.",
                    domain: "population", theme: "migrant-residence",
                    content: .counts(rows: [.field("district")], column: .field("sex")),
                    only: ["status": ["residing"]]),
        // 民生服务
        OpenDataset(id: "marriages-by-period-status", title: LocalizedName(zh: "婚姻登记（按登记年份、现状）", en: "Marriage registrations by period and present status"),
                    description: "Persons by the period (decade, then year from 2015) their present marriage record was registered and its status (each spouse counts once).",
                    domain: "livelihood-services", theme: "marriage",
                    content: .counts(rows: [.period("registered_on")], column: .field("status"))),
        // 医疗卫生
        OpenDataset(id: "deaths-by-year-place", title: LocalizedName(zh: "死亡人口（按年份、死亡地点）", en: "Deaths by year and place of death"),
                    description: "Registered deaths by year of death and place of death (causes are secret and stay out).",
                    domain: "health", theme: "death",
                    content: .counts(rows: [.year("died_on")], column: .field("place_of_death"))),
        // 教育科技
        OpenDataset(id: "education-by-level-mode", title: LocalizedName(zh: "学历（按最高学历、学习形式）", en: "Academic qualifications by highest level and study mode"),
                    description: "Persons by highest academic qualification and study mode.",
                    domain: "education-science", theme: "education",
                    content: .counts(rows: [.field("highest_level")], column: .field("study_mode"))),
        // 社会保障
        OpenDataset(id: "pension-insurance-by-status", title: LocalizedName(zh: "养老与失业保险参保（按状态）", en: "Pension and unemployment insurance by status"),
                    description: "Insured persons by pension insurance status and unemployment insurance status.",
                    domain: "social-security", theme: "social-insurance",
                    content: .counts(rows: [.field("pension_status")], column: .field("unemployment_status"))),
        OpenDataset(id: "employment-by-status-contract", title: LocalizedName(zh: "就业（按就业状态、合同类型）", en: "Employment by status and contract type"),
                    description: "Persons by employment status and contract type.",
                    domain: "social-security", theme: "employer",
                    content: .counts(rows: [.field("employment_status")], column: .field("contract_type"))),
        // 道路交通
        OpenDataset(id: "vehicles-by-district-energy", title: LocalizedName(zh: "在册机动车（按区、能源类型）", en: "Registered motor vehicles by district and energy type"),
                    description: "Motor vehicles in normal or pledged status by district and energy type.",
                    domain: "road-transport", theme: "vehicles",
                    content: .counts(rows: [.field("district")], column: .field("energy_type")),
                    only: ["status": ["normal", "pledged"]]),
        OpenDataset(id: "car-quotas-by-method-energy", title: LocalizedName(zh: "中小客车指标（按配置方式、能源类别）", en: "Passenger car quota indicators by allocation method and energy category"),
                    description: "Quota indicators by allocation method and energy category.",
                    domain: "road-transport", theme: "car-quota-indicators",
                    content: .counts(rows: [.field("allocation_method")], column: .field("energy_category"))),
        // 城市建设
        OpenDataset(id: "dangerous-buildings-by-district-grade", title: LocalizedName(zh: "危险房屋（按区、安全等级）", en: "Dangerous buildings by district and safety grade"),
                    description: "Assessed buildings by district and safety grade.",
                    domain: "urban-construction", theme: "dangerous-buildings",
                    content: .counts(rows: [.field("district")], column: .field("safety_grade"))),
        // 经济发展
        OpenDataset(id: "enterprises-by-district-industry", title: LocalizedName(zh: "在营企业（按区、行业门类）", en: "Operating enterprises by district and industry section"),
                    description: "Operating enterprises by district and GB/T 4754 industry section.",
                    domain: "economic-development", theme: "enterprise-registration",
                    content: .counts(rows: [.field("district")], column: .industrySection("industry")),
                    only: ["status": ["operating"]]),
        OpenDataset(id: "enterprise-annual-reports", title: LocalizedName(zh: "企业年度报告公示", en: "Enterprise annual reports"),
                    description: "The latest annual report of each enterprise: year, status and date submitted.",
                    domain: "economic-development", theme: "annual-report",
                    content: .records(fields: ["credit_code", "name", "report_year", "report_status", "submitted_on", "website"])),
        // 企业服务
        OpenDataset(id: "enterprise-registry", title: LocalizedName(zh: "企业登记信息", en: "Enterprise register"),
                    description: "Registered enterprises: credit code, name, type, capital (10k CNY), dates, status, district, industry and scope.",
                    domain: "enterprise-services", theme: "enterprise-registration",
                    content: .records(fields: ["credit_code", "name", "registration_no", "enterprise_type", "registered_capital",
                                               "established_on", "status", "district", "industry", "business_scope",
                                               "registration_authority", "approved_on"])),
        OpenDataset(id: "sole-trader-registry", title: LocalizedName(zh: "个体工商户登记信息", en: "Sole-trader register"),
                    description: "Registered sole traders: credit code, shop name, form and district (the operator is not published).",
                    domain: "enterprise-services", theme: "sole-trader-registration",
                    content: .records(fields: ["credit_code", "name", "registration_no", "form", "district"])),
        // 社会信用
        OpenDataset(id: "administrative-licences", title: LocalizedName(zh: "行政许可信息（双公示）", en: "Administrative licences (double publicity)"),
                    description: "Licences granted to organisations; licences of natural persons and sole traders (often named after the operator) are not opened.",
                    domain: "credit", theme: "administrative-licences",
                    content: .records(fields: ["decision_no", "licence_name", "licence_type", "content", "holder_kind", "holder_name",
                                               "holder_credit_code", "decided_on", "valid_from", "valid_until", "authority_name",
                                               "authority_credit_code", "status", "district"]),
                    only: ["holder_kind": entity]),
        OpenDataset(id: "administrative-penalties", title: LocalizedName(zh: "行政处罚信息（双公示）", en: "Administrative penalties (double publicity)"),
                    description: "Penalty decisions against organisations; decisions against natural persons and sole traders (often named after the operator) are not opened.",
                    domain: "credit", theme: "administrative-penalties",
                    content: .records(fields: ["decision_no", "case_name", "offender_kind", "offender_name", "offender_credit_code",
                                               "violation", "legal_basis", "penalty_type", "fine_amount", "confiscated_amount",
                                               "decided_on", "authority_name", "authority_credit_code", "publicity_until", "district"]),
                    only: ["offender_kind": entity]),
        OpenDataset(id: "dishonest-debtor-organisations", title: LocalizedName(zh: "失信被执行人（法人）", en: "Dishonest judgment debtors (organisations)"),
                    description: "Organisations listed by the courts as dishonest judgment debtors.",
                    domain: "credit", theme: "court-dishonest-debtors",
                    content: .records(fields: ["record_no", "debtor_kind", "debtor_name", "debtor_credit_code", "case_no",
                                               "basis_document_no", "court_name", "obligation", "performance", "dishonest_behaviour",
                                               "listed_on", "removed_on", "status", "district"]),
                    only: ["debtor_kind": ["legal-entity"]]),
        // 金融税收
        OpenDataset(id: "taxpayers-by-district-grade", title: LocalizedName(zh: "纳税人（按区、纳税信用等级）", en: "Taxpayers by district and tax credit grade"),
                    description: "Registered taxpayers in normal status by district and tax credit grade.",
                    domain: "finance-tax", theme: "tax-registration",
                    content: .counts(rows: [.field("district")], column: .field("credit_grade")),
                    only: ["taxpayer_status": ["normal"]]),
        // 资源环境
        OpenDataset(id: "land-transfers", title: LocalizedName(zh: "国有建设用地使用权出让", en: "Land use right transfers"),
                    description: "Land transfer contracts: parcel, location, use, area, method, transferee and price.",
                    domain: "resources-environment", theme: "land-transfers",
                    content: .records(fields: ["contract_no", "parcel_no", "location", "district", "land_use", "area",
                                               "transfer_method", "transferee_name", "transferee_credit_code", "price", "signed_on"])),
        // 机构团体
        OpenDataset(id: "public-institutions", title: LocalizedName(zh: "事业单位登记信息", en: "Public institutions"),
                    description: "Registered public institutions: sponsor, funding, purpose and status.",
                    domain: "institutions", theme: "public-institution-registration",
                    content: .records(fields: ["credit_code", "name", "sponsor", "funding_source", "start_up_funds",
                                               "purpose_and_scope", "address", "district", "established_on", "status"])),
        OpenDataset(id: "social-organisations", title: LocalizedName(zh: "社会组织登记信息", en: "Social organisations"),
                    description: "Registered social organisations: type, supervisor, funds, status and inspection result.",
                    domain: "institutions", theme: "social-organisation-registration",
                    content: .records(fields: ["credit_code", "name", "organisation_type", "business_supervisor", "registered_funds",
                                               "address", "district", "established_on", "status", "inspection_result"])),
    ]
}
