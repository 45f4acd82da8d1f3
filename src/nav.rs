//! Who uses the app and what each role sees as its main navigation: the stages of
//! workflow.md, in order. Pure presentation data; nothing here decides anything.

pub use huanjie_core::record::community::Stage;
pub use huanjie_core::record::identity::Role;

pub const ROLES: [Role; 3] = [Role::ElectionCommittee, Role::GridWorker, Role::Office];

/// How each role appears on screen and which screens it works through.
pub trait RoleView {
    fn name(self) -> &'static str;
    fn blurb(self) -> &'static str;
    fn screens(self) -> &'static [Screen];
}

impl RoleView for Role {
    fn name(self) -> &'static str {
        huanjie_core::election::exchange::role_zh(self)
    }

    fn blurb(self) -> &'static str {
        match self {
            Role::ElectionCommittee => "设置选举、合并网格员数据、公示名单、投票计票、公布结果",
            Role::GridWorker => "入户登记户和选民、受理候选人报名、把数据发给选委会",
            Role::Office => "核验各社区结果文件、记录联审意见、查看进度和结构统计",
        }
    }

    fn screens(self) -> &'static [Screen] {
        use Screen::*;
        use Stage::*;
        match self {
            Role::ElectionCommittee => &[
                Step(Preparation),
                Step(ElectionCommittee),
                Step(Registration),
                Step(Nomination),
                Step(Review),
                Step(Notice),
                Step(Preselection),
                Step(Voting),
                Step(Count),
                Step(Announcement),
                Step(Report),
                Step(Handover),
                Complaints,
                Exchange,
            ],
            Role::GridWorker => &[Join, Step(Registration), Step(Nomination), Exchange],
            Role::Office => &[Exchange, Progress, Step(Review), Statistics, WorkReport, Complaints],
        }
    }
}

/// A screen of the app, addressable as `/stage/<slug>`: one of the twelve workflow stages (the
/// core's `Stage`, the one vocabulary core and app share) or a tool screen around them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Step(Stage),
    Complaints,
    Join,
    Exchange,
    Progress,
    Statistics,
    WorkReport,
}

impl Screen {
    const ALL: [Screen; 18] = [
        Screen::Step(Stage::Preparation),
        Screen::Step(Stage::ElectionCommittee),
        Screen::Step(Stage::Registration),
        Screen::Step(Stage::Nomination),
        Screen::Step(Stage::Review),
        Screen::Step(Stage::Notice),
        Screen::Step(Stage::Preselection),
        Screen::Step(Stage::Voting),
        Screen::Step(Stage::Count),
        Screen::Step(Stage::Announcement),
        Screen::Step(Stage::Report),
        Screen::Step(Stage::Handover),
        Screen::Complaints,
        Screen::Join,
        Screen::Exchange,
        Screen::Progress,
        Screen::Statistics,
        Screen::WorkReport,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Screen::Step(Stage::Preparation) => "preparation",
            Screen::Step(Stage::ElectionCommittee) => "committee",
            Screen::Step(Stage::Registration) => "registration",
            Screen::Step(Stage::Nomination) => "nomination",
            Screen::Step(Stage::Review) => "review",
            Screen::Step(Stage::Notice) => "notices",
            Screen::Step(Stage::Preselection) => "preselection",
            Screen::Step(Stage::Voting) => "voting",
            Screen::Step(Stage::Count) => "count",
            Screen::Step(Stage::Announcement) => "announcement",
            Screen::Step(Stage::Report) => "report",
            Screen::Step(Stage::Handover) => "handover",
            Screen::Complaints => "complaints",
            Screen::Join => "join",
            Screen::Exchange => "exchange",
            Screen::Progress => "progress",
            Screen::Statistics => "statistics",
            Screen::WorkReport => "work-report",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Screen> {
        Screen::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn path(self) -> String {
        format!("/stage/{}", self.slug())
    }

    pub fn title(self) -> &'static str {
        match self {
            Screen::Step(Stage::ElectionCommittee) => "选举委员会",
            Screen::Complaints => "信访台账",
            Screen::Join => "加入选举",
            Screen::Exchange => "收发数据包",
            Screen::Progress => "换届进度",
            Screen::Statistics => "结构统计",
            Screen::WorkReport => "工作报告",
            // The workflow stages go by the core's names.
            Screen::Step(s) => s.name_zh(),
        }
    }

    /// What the screen produces, in the words of the work reports (workflow.md).
    pub fn summary(self) -> &'static str {
        match self {
            Screen::Step(Stage::Preparation) => "任期和离任经济责任审计完成并公示（未审计不得换届）；民主评议；摸底调查；实施方案和行事历，每一步的法定期限由选举日推算。",
            Screen::Step(Stage::ElectionCommittee) => "推选选举委员会成员及职务；记录选委会主任是否由社区书记或副书记兼任；成员本人或近亲属被提名为候选人的，应当退出并依次递补。",
            Screen::Step(Stage::Registration) => "按网格登记户和选民：身份证号校验、出生日期和性别、选举日年满十八周岁；登记类别；跨网格重复登记作为异常处理；选举日二十日前公布选民名单，五日内申诉，三日内处理。",
            Screen::Step(Stage::Nomination) => "社区党组织提名、十名以上选民联名提名或自荐；每人只报一个职务；记录候选人三项承诺；逐项审查不得提名的情形。",
            Screen::Step(Stage::Review) => "街道、区两级联审，每个部门逐人给出通过或取消资格及理由；统计通过人数、街道取消、区级取消。",
            Screen::Step(Stage::Notice) => "提名名单、正式候选人名单（选举日五日前，按姓氏笔画排序）、投票时间地点、委托投票和流动票箱名单；“八个公开”逐项记录日期。每份公告可打印（A4）和分享。",
            Screen::Step(Stage::Preselection) => "提名人数超过差额数时组织预选，按同一计票规则确定正式候选人。",
            Screen::Step(Stage::Voting) => "中心会场和投票站、流动票箱、书面委托投票（每人受托上限、候选人不得受托）、工作人员回避；签到确保一人一票；每个票箱发出和收回的选票数。",
            Screen::Step(Stage::Count) => "唱票逐张录入或按候选人录入合计；判断每张选票和整场选举是否有效；确定当选人、票数相等的重新投票、未选足名额的另行选举和妇女成员规则。",
            Screen::Step(Stage::Announcement) => "当场公布选举结果；计票结果报告单由总监票人、计票人和主持人签字；当选证书。",
            Screen::Step(Stage::Report) => "把签名的结果文件发给街道；党组织选举结果报上级党组织批准。",
            Screen::Step(Stage::Handover) => "十日内完成工作移交；全部选举资料归档。",
            Screen::Complaints => "信访台账：每件来信来访记录收到日期、办理期限、承办人和答复，件件有回音，超期突出显示。",
            Screen::Join => "用本机设备码向选委会申请加入，导入选委会发来的选举数据包后即可开始登记。",
            Screen::Exchange => "把本机收集的数据导出为文件，通过聊天软件发送；导入别人发来的文件，逐项核验后才会合并。",
            Screen::Progress => "各社区当前阶段和下一个期限；已完成社区数/总数；登记选民数；参选率；书记或副书记兼任选委会主任的社区数。",
            Screen::Statistics => "新一届成员结构：平均年龄和最年轻、妇女、党员、少数民族、大专以上学历、年龄段、连任和新任、一肩挑和交叉任职，与上届对比。",
            Screen::WorkReport => "用汇总数字填写工作报告的“总体情况”，可直接复制；各表可导出 CSV。",
        }
    }
}
