//! The command line, as documented in shared/CLI.md.

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "kofu",
    version,
    about = "Kofu Desk: コンビニ交付の市区町村事務 (headless)"
)]
pub struct Cli {
    /// Database: sqlite:<path> or postgres://… (default: the app's embedded database)
    #[arg(long, global = true, env = "KOFU_DATABASE_URL", hide_env_values = true)]
    pub db: Option<String>,
    /// Acting user (password from KOFU_PASSWORD or a prompt)
    #[arg(long, global = true, env = "KOFU_USER")]
    pub user: Option<String>,
    /// Print one JSON document on stdout
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per process: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or migrate the database and its first administrator
    Init {
        /// Login name of the first administrator (password from KOFU_NEW_PASSWORD or a prompt)
        #[arg(long)]
        admin: String,
        /// The administrator's full name
        #[arg(long)]
        display_name: Option<String>,
        /// Load a profile and the default master data
        #[arg(long, value_enum)]
        profile: Option<ProfileName>,
    },
    /// Build a complete demo database (users, Chiba profile, master data, months of J-LIS data)
    Demo {
        /// Months of made-up J-LIS data (statement and notices), ending two months before today
        #[arg(long, default_value_t = kofu_api::monthly::DEMO_HISTORY_MONTHS)]
        months: u32,
    },
    /// Staff accounts
    #[command(subcommand)]
    User(UserCommand),
    /// 地方公共団体コード
    #[command(subcommand)]
    Code(CodeCommand),
    /// Write a date in 和暦 (令和8年11月26日)
    Wareki { date: String },
    /// Holidays, business days and the monthly deadlines
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// The audit trail
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The municipality profile
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// The certificate catalogue: kinds, fees (changes are drafted, then approved)
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
    /// Service hours (changes are drafted, then approved)
    #[command(subcommand)]
    Hours(HoursCommand),
    /// Whether a certificate can be issued at a store at a given time
    #[command(subcommand)]
    Service(ServiceCommand),
    /// Planned maintenance and emergency stops
    #[command(subcommand)]
    Suspension(SuspensionCommand),
    /// Drafted configuration changes: list, approve (決裁), return (差戻し)
    #[command(subcommand)]
    Change(ChangeCommand),
    /// The correspondence log with J-LIS
    #[command(subcommand)]
    Correspondence(CorrespondenceCommand),
    /// J-LIS's monthly statement (取扱い実績データ)
    #[command(subcommand)]
    Statement(StatementCommand),
    /// Completion notices (完了通知)
    #[command(subcommand)]
    Notices(NoticesCommand),
    /// Compare a month's completion notices with its statement
    Reconcile { month: String },
    /// The settlement of a month (fees − commissions), its 精算書 and its Excel export
    #[command(subcommand)]
    Settlement(SettlementCommand),
    /// 請求書: the monthly invoice to J-LIS (draft, approve, return, pdf, sent, paid, correct, list)
    #[command(subcommand)]
    Invoice(InvoiceCommand),
    /// The J-LIS server connection: URL, certificates, and the token in the OS credential store
    #[command(subcommand)]
    Jlis(JlisCommand),
    /// 文書番号: the number template of each kind of document (supervisor, admin)
    #[command(subcommand)]
    DocumentNumbers(DocumentNumbersCommand),
}

#[derive(Debug, Subcommand)]
pub enum DocumentNumbersCommand {
    /// Each kind's template and the next number of the current 年度
    List,
    /// Set a kind's template: {n} exactly once; {city} (city name) and {fy} (年度 in 和暦) allowed
    Set {
        /// change_notice, invoice, settlement_statement or incident_report
        kind: String,
        /// e.g. 千市民第{n}号
        template: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum JlisCommand {
    /// The connection settings, and whether the token and the certificate password are set
    Show,
    /// Change the URL or the certificate files (admin); an empty value clears one
    Set {
        /// e.g. https://jlis.example.jp/ (http only to 127.0.0.1 / localhost)
        #[arg(long)]
        url: Option<String>,
        /// PKCS#12 (.p12/.pfx) client certificate for mutual TLS
        #[arg(long)]
        client_certificate: Option<String>,
        /// PEM file of extra trusted CA certificates (the city's proxy or a private CA)
        #[arg(long)]
        extra_ca: Option<String>,
    },
    /// The bearer token, kept in the OS credential store (admin)
    #[command(subcommand)]
    Token(JlisSecretCommand),
    /// The client certificate's password, kept in the OS credential store (admin)
    #[command(subcommand)]
    CertificatePassword(JlisSecretCommand),
}

#[derive(Debug, Subcommand)]
pub enum JlisSecretCommand {
    /// Read it from stdin (one line; hidden prompt on a terminal) and store it
    Set,
    /// Remove it from the credential store
    Clear,
}

#[derive(Debug, Subcommand)]
pub enum StatementCommand {
    /// Import a statement file (CP932 or UTF-8)
    Import { file: std::path::PathBuf },
    /// Fetch a month's statement from J-LIS's server and import it (`kofu jlis`; KOFU_JLIS_URL and
    /// KOFU_JLIS_TOKEN override the settings and the credential store)
    Pull { month: String },
}

#[derive(Debug, Subcommand)]
pub enum NoticesCommand {
    /// Import a completion-notice file (CP932 or UTF-8)
    Import { file: std::path::PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum SettlementCommand {
    Show {
        month: String,
    },
    /// The 精算書 PDF of a finalized month (the only document when the net is ≤ 0)
    Statement {
        month: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// The month's totals, by operator and by kind, as an Excel workbook
    Export {
        month: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum InvoiceCommand {
    /// Draft the invoice of a finalized month (clerk)
    Draft { month: String },
    /// Approve a draft and number it (a supervisor other than the drafter)
    Approve { id: i64 },
    /// Return a draft to its drafter with a reason (差戻し)
    Return {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Write the 請求書 PDF of an approved invoice
    Pdf {
        id: i64,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Record the day the invoice was sent to J-LIS
    Sent {
        id: i64,
        #[arg(long)]
        on: String,
    },
    /// Record J-LIS's payment: the day and the amount
    Paid {
        id: i64,
        #[arg(long)]
        on: String,
        #[arg(long)]
        amount: String,
    },
    /// Draft a correction (訂正請求) that replaces the invoice on its approval
    Correct {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Every invoice, or those of one month
    List {
        #[arg(long)]
        month: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// Every kind with the fee in force (today, or --on DATE)
    List {
        #[arg(long)]
        on: Option<String>,
    },
    /// The fee history of one kind
    Fees { kind: String },
    /// Draft a fee for a period (a campaign ends with --until)
    SetFee {
        kind: String,
        #[arg(long)]
        fee: i64,
        #[arg(long)]
        from: String,
        #[arg(long)]
        until: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Draft a new certificate kind
    AddKind {
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        from: String,
    },
    /// Draft a change of a kind's name or whether it is issued
    UpdateKind {
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        enabled: Option<bool>,
        #[arg(long)]
        from: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// The hours in force (today, or --on DATE), per kind
    Show {
        #[arg(long)]
        on: Option<String>,
    },
    /// Draft new hours for a kind (or the default): one window every day, or business days only
    Set {
        /// Certificate kind; omit for the default hours
        #[arg(long)]
        kind: Option<String>,
        /// e.g. 06:30-23:00
        #[arg(long)]
        window: String,
        #[arg(long)]
        business_days_only: bool,
        #[arg(long)]
        from: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// e.g. kofu service available --kind 04 --at 2026-10-10T10:00
    Available {
        #[arg(long)]
        kind: String,
        #[arg(long)]
        at: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SuspensionCommand {
    List,
    /// Record a planned maintenance (outside service hours) or an emergency stop (with --notice)
    Add {
        #[arg(long)]
        emergency: bool,
        #[arg(long)]
        from: String,
        #[arg(long)]
        until: String,
        #[arg(long)]
        reason: String,
        /// Text for kiosks and store announcements (required for an emergency stop)
        #[arg(long)]
        notice: Option<String>,
        /// Limit to these kinds (repeatable); default every kind
        #[arg(long = "kind")]
        kinds: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ChangeCommand {
    List,
    Approve {
        id: i64,
    },
    Return {
        id: i64,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CorrespondenceCommand {
    List,
    /// Record a notice received from J-LIS, with its attached files
    Add {
        /// When it was received: YYYY-MM-DDTHH:MM[:SS], Japan time
        #[arg(long)]
        at: String,
        /// suspension, correction, incident, catalogue_change or other
        #[arg(long)]
        category: String,
        #[arg(long)]
        subject: String,
        #[arg(long)]
        body: String,
        /// J-LIS's number of the notice, e.g. 地情機第45号
        #[arg(long)]
        document_number: Option<String>,
        /// A file received with it (repeatable); stored under its file name
        #[arg(long = "attach")]
        attachments: Vec<std::path::PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ProfileName {
    Chiba,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Clerk,
    Supervisor,
    Helpdesk,
    Admin,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a member of staff (password from KOFU_NEW_PASSWORD or a prompt)
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long)]
        display_name: Option<String>,
    },
    /// List staff
    List,
    /// Change a role
    Role {
        name: String,
        #[arg(value_enum)]
        role: RoleArg,
    },
    /// Unlock an account locked after failed logins
    Unlock { name: String },
}

#[derive(Debug, Subcommand)]
pub enum CodeCommand {
    /// Check a code's format and check digit
    Check { code: String },
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// National holidays of a year
    Holidays { year: i32 },
    /// Whether a date is a business day of the city
    BusinessDay { date: String },
    /// The deadlines of a target month's cycle
    Deadlines { month: String },
    /// Import a newer Cabinet Office holiday list (CSV, CP932 or UTF-8; admin)
    Import { file: std::path::PathBuf },
    /// The city's extra closures
    #[command(subcommand)]
    Closure(ClosureCommand),
}

#[derive(Debug, Subcommand)]
pub enum ClosureCommand {
    List,
    Add {
        date: String,
        #[arg(long)]
        reason: String,
    },
    Remove {
        date: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain and report edited or deleted entries
    Verify,
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Show the profile
    Show,
    /// Change fields of the profile (admin)
    Set(ProfileFields),
}

#[derive(Debug, Args)]
pub struct ProfileFields {
    #[arg(long)]
    pub code: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub mayor_title: Option<String>,
    #[arg(long)]
    pub mayor_name: Option<String>,
    #[arg(long)]
    pub postal_code: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub department: Option<String>,
    #[arg(long)]
    pub contact_name: Option<String>,
    #[arg(long)]
    pub contact_phone: Option<String>,
    #[arg(long)]
    pub contact_email: Option<String>,
    #[arg(long)]
    pub bank_name: Option<String>,
    #[arg(long)]
    pub branch_name: Option<String>,
    /// ordinary (普通) or current (当座)
    #[arg(long)]
    pub account_type: Option<String>,
    #[arg(long)]
    pub account_number: Option<String>,
    #[arg(long)]
    pub account_holder: Option<String>,
}
