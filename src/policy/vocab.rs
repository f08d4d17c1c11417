//! The closed vocabularies that policies and inputs share: education types, key
//! groups, enterprise sizes and sectors, certificate types. Each term has a
//! stable snake_case name (what JSON and policy files use) and zh/en labels (what
//! messages show).

use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary: a snake_case serde enum with zh/en labels.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $key)] $variant,)+
        }

        impl $name {
            /// Every term, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name used in JSON and policy files.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The Chinese label.
            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            /// The English label.
            pub fn en(self) -> &'static str {
                match self { $($name::$variant => $en),+ }
            }
        }
    };
}

vocabulary! {
    /// What kind of schooling a graduate had (DL-E2, IP-E1).
    ///
    /// ```
    /// use peixun::policy::vocab::Education;
    /// assert_eq!(Education::FullTimeCollege.zh(), "全日制高校毕业生");
    /// ```
    Education {
        /// Full-time college or university.
        FullTimeCollege = "full_time_college", "全日制高校毕业生", "full-time college graduate";
        /// Technician college, senior-worker class.
        TechnicianSeniorClass = "technician_senior_class", "技师学院高级工班毕业生", "technician-college senior-worker class graduate";
        /// Technician college, preparatory-technician class.
        TechnicianPreparatoryClass = "technician_preparatory_class", "技师学院预备技师班毕业生", "technician-college preparatory-technician class graduate";
        /// Special-education school, vocational track.
        SpecialEducationVocational = "special_education_vocational", "特殊教育院校职业类毕业生", "special-education vocational graduate";
        /// Part-time, correspondence or self-study college.
        PartTimeCollege = "part_time_college", "非全日制高校毕业生", "part-time college graduate";
        /// Secondary vocational school.
        SecondaryVocational = "secondary_vocational", "中等职业学校毕业生", "secondary vocational graduate";
        /// Anything else.
        Other = "other", "其他学历", "other schooling";
    }
}

vocabulary! {
    /// Groups a programme may target (IP-E1, IP-S2, JZ-S3).
    ///
    /// ```
    /// use peixun::policy::vocab::KeyGroup;
    /// assert_eq!(KeyGroup::Veteran.key(), "veteran");
    /// ```
    KeyGroup {
        /// Graduating-year college student.
        GraduatingCollegeStudent = "graduating_college_student", "毕业年度高校毕业生", "graduating-year college student";
        /// Graduating-year vocational-school student.
        GraduatingVocationalStudent = "graduating_vocational_student", "毕业年度职业院校学生", "graduating-year vocational student";
        /// Technical-college senior-worker, preparatory-technician or special-education vocational graduate.
        TechnicianGraduate = "technician_graduate", "技工院校高级工班、预备技师班和特殊教育院校职业教育类毕业生", "technician-college or special-education vocational graduate";
        /// Junior or senior high-school leaver not continuing school (两后生).
        LiangHouSheng = "liang_hou_sheng", "未继续升学的初高中毕业生（两后生）", "school leaver not continuing education (liang hou sheng)";
        /// Rural migrant worker.
        RuralMigrantWorker = "rural_migrant_worker", "农村转移就业劳动者", "rural migrant worker";
        /// Registered urban unemployed person.
        RegisteredUnemployed = "registered_unemployed", "城镇登记失业人员", "registered urban unemployed";
        /// Registered poor labourer, or a child of a poor family.
        RegisteredPoor = "registered_poor", "建档立卡贫困劳动力及贫困家庭子女", "registered poor labourer or child of a poor family";
        /// Person lifted out of poverty.
        OutOfPoverty = "out_of_poverty", "脱贫人口", "person out of poverty";
        /// Veteran.
        Veteran = "veteran", "退役军人", "veteran";
        /// Disabled person.
        Disabled = "disabled", "残疾人", "disabled person";
        /// Flexible worker.
        FlexibleWorker = "flexible_worker", "灵活就业人员", "flexible worker";
        /// Job seeker at a gig (零工) market.
        GigJobSeeker = "gig_job_seeker", "零工市场求职人员", "gig-market job seeker";
        /// Registered low-income rural household member.
        LowIncomeRural = "low_income_rural", "农村低收入家庭人员", "low-income rural household member";
        /// Urban minimum-allowance (低保) labourer.
        UrbanMinimumAllowance = "urban_minimum_allowance", "城市低保家庭劳动者", "urban minimum-allowance labourer";
        /// Rural minimum-allowance (低保) labourer.
        RuralMinimumAllowance = "rural_minimum_allowance", "农村低保对象中的劳动力", "rural minimum-allowance labourer";
        /// Person with employment difficulties.
        EmploymentDifficulty = "employment_difficulty", "就业困难人员", "person with employment difficulties";
        /// Member of a zero-employment family.
        ZeroEmploymentFamily = "zero_employment_family", "零就业家庭成员", "zero-employment family member";
        /// Rural junior or senior high-school leaver not continuing school.
        RuralSchoolLeaver = "rural_school_leaver", "农村未继续升学的初高中毕业生", "rural school leaver not continuing education";
    }
}

vocabulary! {
    /// Enterprise size class (LC-S1).
    EnterpriseSize {
        /// Micro enterprise.
        Micro = "micro", "微型企业", "micro enterprise";
        /// Small enterprise.
        Small = "small", "小型企业", "small enterprise";
        /// Medium enterprise.
        Medium = "medium", "中型企业", "medium enterprise";
        /// Large enterprise.
        Large = "large", "大型企业", "large enterprise";
    }
}

vocabulary! {
    /// Sectors named by LC-S1 for large enterprises.
    Sector {
        /// Foreign trade.
        ForeignTrade = "foreign_trade", "外贸", "foreign trade";
        /// Accommodation and catering.
        AccommodationCatering = "accommodation_catering", "住宿餐饮", "accommodation and catering";
        /// Culture and tourism.
        CultureTourism = "culture_tourism", "文化旅游", "culture and tourism";
        /// Transport.
        Transport = "transport", "交通运输", "transport";
        /// Wholesale and retail.
        WholesaleRetail = "wholesale_retail", "批发零售", "wholesale and retail";
        /// Any other sector.
        Other = "other", "其他行业", "other sector";
    }
}

vocabulary! {
    /// The certificate a trainee obtained (DL-S1 tiers).
    Certificate {
        /// Vocational-qualification certificate.
        Qualification = "qualification", "职业资格证书", "vocational-qualification certificate";
        /// Vocational skill-level certificate.
        SkillLevel = "skill_level", "职业技能等级证书", "skill-level certificate";
        /// Special-ability certificate.
        SpecialAbility = "special_ability", "专项职业能力证书", "special-ability certificate";
        /// Training certificate (no appraisal).
        TrainingCertificate = "training_certificate", "培训合格证书", "training certificate";
    }
}

vocabulary! {
    /// Who a start-up training course serves (LC-S3).
    StartupGroup {
        /// Owner of a small or micro business.
        SmallMicroOwner = "small_micro_owner", "小微企业主", "small or micro business owner";
        /// Self-employed person (个体工商户).
        SelfEmployed = "self_employed", "个体工商户", "self-employed";
    }
}

vocabulary! {
    /// What a voucher's redemption (兑现) may require, as the latest evaluation
    /// recorded it (the `redeem_requires` of a `voucher_lifecycle` rule).
    ///
    /// ```
    /// use peixun::policy::vocab::RedeemCondition;
    /// assert_eq!(RedeemCondition::AttendanceMet.key(), "attendance_met");
    /// ```
    RedeemCondition {
        /// The trainee obtained the certificate.
        Certificate = "certificate", "取得证书", "a certificate obtained";
        /// The trainee's attendance met the programme's threshold.
        AttendanceMet = "attendance_met", "出勤达标", "attendance met";
    }
}

vocabulary! {
    /// A fact a programme's definition of a group asks of a person (JZ-D1's
    /// 相关概念): a tag of that group counts only when each of its facts holds.
    ///
    /// ```
    /// use peixun::policy::vocab::DefiningFact;
    /// assert_eq!(DefiningFact::LocalHukou.zh(), "具有本地户籍");
    /// ```
    DefiningFact {
        /// Not an enterprise employee (农村转移劳动力 "不含企业职工").
        NotEnterpriseEmployee = "not_enterprise_employee", "不是企业职工", "not an enterprise employee";
        /// Household registration in the programme's locality (失业人员 "具有本地户籍").
        LocalHukou = "local_hukou", "具有本地户籍", "local household registration";
        /// Able to work (失业人员 "有劳动能力").
        AbleToWork = "able_to_work", "有劳动能力", "able to work";
        /// Without work now (失业人员 "目前无业").
        OutOfWork = "out_of_work", "目前无业", "without work now";
        /// Wants work and registered as a job seeker at the street or township
        /// labour office (失业人员 "有求职愿望并在街道(乡镇)劳动保障部门办理了求职登记").
        JobSeekingRegistered = "job_seeking_registered", "在街道（乡镇）劳动保障部门办理了求职登记", "registered as a job seeker at the street or township labour office";
    }
}
