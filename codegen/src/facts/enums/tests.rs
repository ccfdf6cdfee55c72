//! Every form the rules accept and every one they decline, each with a real page's text
//! (shortened where the rest does not matter), and a test over all pages of `specs/`.

use super::*;

/// The values `description` yields for a field of type `scalar`, or why it yields none.
fn values(description: &str, scalar: &str) -> Result<Vec<String>, String> {
    match extract(description, scalar) {
        Extraction::Enum(e) => {
            for v in &e.values {
                assert!(
                    e.source.contains(&v.value),
                    "{:?} is not in the source {:?}",
                    v.value,
                    e.source
                );
                assert!(description.contains(&e.source), "source is not page text");
            }
            Ok(e.values.into_iter().map(|v| v.value).collect())
        }
        Extraction::Ambiguous(a) => {
            assert!(description.contains(&a.source), "source is not page text");
            Err(a.reason.as_str().to_string())
        }
        Extraction::None => Err("none".to_string()),
    }
}

fn string(description: &str) -> Result<Vec<String>, String> {
    values(description, "string")
}

fn docs(description: &str, scalar: &str) -> Vec<(String, String)> {
    extract(description, scalar)
        .values()
        .iter()
        .map(|v| (v.value.clone(), v.doc.clone()))
        .collect()
}

fn ok(list: &[&str]) -> Result<Vec<String>, String> {
    Ok(list.iter().map(|s| s.to_string()).collect())
}

fn declined(reason: Reason) -> Result<Vec<String>, String> {
    Err(reason.as_str().to_string())
}

// ---- bare lists ----------------------------------------------------------------------------

#[test]
fn bare_lists() {
    assert_eq!(
        string("告警等级。枚举值：P0,P1,P2,P3"),
        ok(&["P0", "P1", "P2", "P3"])
    );
    assert_eq!(
        string("VServer实例的协议。 枚举值为：HTTP，TCP，UDP，HTTPS。"),
        ok(&["HTTP", "TCP", "UDP", "HTTPS"])
    );
    assert_eq!(
        string("SSD类型，可选值为\"SATA\"、“NVMe”"),
        ok(&["SATA", "NVMe"])
    );
    assert_eq!(string("是否过期。枚举值：Yes/No"), ok(&["Yes", "No"]));
    assert_eq!(
        string("Node节点的资源类型，枚举值为UHost或UPHost。"),
        ok(&["UHost", "UPHost"])
    );
    assert_eq!(
        string(
            "切换类型，可选值为\"immediately\"和\"customize\"，分别代表立即切换和自定义切换时间"
        ),
        ok(&["immediately", "customize"])
    );
    assert_eq!(
        string("限定枚举值：\"UHost\" / \"UNI\"/\"UPM\"/\"IP\"，默认值：\"UHost\"；非IP类型…"),
        ok(&["UHost", "UNI", "UPM", "IP"])
    );
    assert_eq!(
        string("取值\"Intel\" \"Amd\"，默认值“Intel”"),
        ok(&["Intel", "Amd"])
    );
    assert_eq!(
        string("ike版本，枚举值： \"IKE V1\"，\"IKE V2\"，默认v1"),
        ok(&["IKE V1", "IKE V2"])
    );
    assert_eq!(
        string("云手机型号名称，取值：UPhone X，UPhone Plus，UPhone Pro"),
        ok(&["UPhone X", "UPhone Plus", "UPhone Pro"])
    );
    assert_eq!(
        string("取值：<br /><br />GET<br />POST<br />PUT"),
        ok(&["GET", "POST", "PUT"])
    );
    assert_eq!(
        string("值可以是 full, incremental, full+incremental"),
        ok(&["full", "incremental", "full+incremental"])
    );
    assert_eq!(
        string("可选值uhost、uphost，不填则返回所有"),
        ok(&["uhost", "uphost"])
    );
    // The empty string, quoted, is a value.
    assert_eq!(
        string("限定取值：\"\" / \"None\" / \"Toa\""),
        ok(&["", "None", "Toa"])
    );
}

#[test]
fn bare_list_notes_and_prose() {
    let d = docs("可选值：SYMMETRIC_DEFAULT(AES_256)、RSA_2048。", "string");
    assert_eq!(d[0], ("SYMMETRIC_DEFAULT".into(), "AES_256".into()));
    assert_eq!(d[1].0, "RSA_2048");
    // The last word starts a sentence about something else.
    assert_eq!(
        string("限定取值：\"VPC\" / \"UWAN-VRouter\"，\"Direction\" 为 \"In\" 时，该值无效"),
        ok(&["VPC", "UWAN-VRouter"])
    );
    assert_eq!(
        string("枚举值：success、not exist、failure（成功、模板不存在、失败）"),
        ok(&["success", "not exist", "failure"])
    );
}

// ---- brackets ------------------------------------------------------------------------------

#[test]
fn brackets() {
    assert_eq!(
        string("云主机机型（V2.0），枚举值[\"N\", \"C\", \"G\", \"O\", \"OM\"]。参考[云主机机型说明](api/uhost-api/uhost_type)。"),
        ok(&["N", "C", "G", "O", "OM"])
    );
    assert_eq!(
        string("KubeProxy模式，枚举值为[ipvs,iptables]"),
        ok(&["ipvs", "iptables"])
    );
    assert_eq!(
        values("带宽包大小,枚举值：[0,20,40]。单位MB", "int"),
        ok(&["0", "20", "40"])
    );
    assert_eq!(values("取值范围为{0,10,20}", "int"), ok(&["0", "10", "20"]));
    assert_eq!(
        string("可选范围 ['Exponential','Continuous','Once']，分别对应…"),
        ok(&["Exponential", "Continuous", "Once"])
    );
    assert_eq!(
        string("GPU类型，枚举值[\"K80\", \"P40\", \"V100\",]"),
        ok(&["K80", "P40", "V100"])
    );
    // A stray quote is a typo, not a value.
    assert_eq!(
        string("枚举值[\"V100S\",2080\",\"2080TiS\"]"),
        ok(&["V100S", "2080", "2080TiS"])
    );
    assert_eq!(
        string("枚举值[ \"Custom\": 用户自定义节点权重， \"Uniform\": 平均读请求， \"ReadOnly\": 只读节点]"),
        ok(&["Custom", "Uniform", "ReadOnly"])
    );
}

#[test]
fn ranges_are_not_values() {
    assert_eq!(
        values("服务节点的端口，限定取值：[1-65535]", "int"),
        Err("none".into())
    );
    assert_eq!(
        values("统计区间，单位：秒，取值范围0-7200", "int"),
        Err("none".into())
    );
    assert_eq!(
        string("目前id的取值范围为[1,7],数值对应的版本如下"),
        Err("none".into())
    );
}

// ---- value first ---------------------------------------------------------------------------

#[test]
fn value_first_forms() {
    assert_eq!(
        string("计费模式。枚举值为： <br /><br /> > Year，按年付费； <br /><br /> > Month，按月付费；<br /><br /> > Dynamic，按小时预付费 <br /><br /> 默认为月付<br />"),
        ok(&["Year", "Month", "Dynamic"])
    );
    assert_eq!(
        string("付费方式, 枚举值为: Year, 按年付费; Month, 按月付费; Dynamic, 按需付费(需开启权限); Trial"),
        ok(&["Year", "Month", "Dynamic", "Trial"])
    );
    assert_eq!(
        string("枚举值：success：成功；wait：等待处理；process：正在处理；failure：失败； unknow：未知，默认选择所有状态"),
        ok(&["success", "wait", "process", "failure", "unknow"])
    );
    assert_eq!(
        string("付费方式；默认值：\"Month\";<br />枚举值：<br />\"Dynamic\" -> 按时付费，<br />\"Month\" -> 月付"),
        ok(&["Dynamic", "Month"])
    );
    assert_eq!(
        string("UDB实例模式类型, 可选值如下: \"Normal\": 普通版UDB实例 \"HA\": 高可用版UDB实例 默认是\"Normal\""),
        ok(&["Normal", "HA"])
    );
    assert_eq!(
        string("触发周期。枚举值：continuous连续 <br />exponent 指数 <br />single 不重复"),
        ok(&["continuous", "exponent", "single"])
    );
    assert_eq!(
        string("触发周期。枚举值：continuous连续 exponent 指数 single 不重复"),
        ok(&["continuous", "exponent", "single"])
    );
    assert_eq!(
        string("文件存储类型，枚举值，Basic表示容量型产品，Advanced表示性能型产品"),
        ok(&["Basic", "Advanced"])
    );
    assert_eq!(
        string("可选值：Identity（身份证号），TelNum（手机号），Email（邮件）"),
        ok(&["Identity", "TelNum", "Email"])
    );
    assert_eq!(
        string("枚举值：UHost -> 云主机；UNI -> 虚拟网卡；CUBE->Cube， IP->IP类型；默认值为UHost。报文转发模式不支持UHybrid、CUBE、IP"),
        ok(&["UHost", "UNI", "CUBE", "IP"])
    );
    assert_eq!(
        string("枚举值为： \"user defined\", 用户自定义防火墙； \"recommend web\", 默认Web防火墙"),
        ok(&["user defined", "recommend web"])
    );
    assert_eq!(
        string("枚举值。当前操作的产品类型，1、uphone：云手机场景；2、uphone-server：云手机服务器场景。默认云手机服务器场景。"),
        ok(&["uphone", "uphone-server"])
    );
    assert_eq!(
        string("计费模式。枚举值为： > Year，按年付费； > Month，按月付费；> Day，按天付费； > Dynamic，按小时预付费; 如果不传某个枚举值，默认返回年付、月付的价格组合集。"),
        ok(&["Year", "Month", "Day", "Dynamic"])
    );
    assert_eq!(
        string("用户状态（用户名称和用户状态不能同时为空，枚举值：Active:解冻,Frozen:冻结）"),
        ok(&["Active", "Frozen"])
    );
    assert_eq!(
        string(
            "DB状态标记 Init：初始化中，Fail：安装失败，Recover fail：恢复失败, Remakeing:重做中"
        ),
        ok(&["Init", "Fail", "Recover fail", "Remakeing"])
    );
}

#[test]
fn value_first_docs() {
    let d = docs(
        "枚举值为: Year, 按年付费; Month, 按月付费；默认为按月付费",
        "string",
    );
    assert_eq!(
        d,
        [
            ("Year".to_string(), "按年付费".to_string()),
            ("Month".to_string(), "按月付费".to_string())
        ]
    );
    let d = docs(
        "枚举值：Normal，不开启;  Super，开启网络增强1.0（详情参考官网文档）",
        "string",
    );
    assert_eq!(d[1].1, "开启网络增强1.0（详情参考官网文档）");
}

#[test]
fn docs_are_plain_text() {
    let d = docs("枚举值：<br />1：>= <br />3：> <br />", "int");
    assert_eq!(d[0].1, ">=");
    assert_eq!(d[1].1, ">");
    let d = docs("枚举值比较方式:<br />1->=<br />2-<=<br />3-><br />", "int");
    assert_eq!(d[0].1, ">=");
    assert_eq!(d[2].1, ">");
    let d = docs("当前状态 (清洗中：Cleaning  过期：Expired)", "string");
    assert_eq!(
        d,
        [
            ("Cleaning".into(), "清洗中".into()),
            ("Expired".into(), "过期".into())
        ]
    );
    let d = docs(
        "可选值：Identity（身份证号），TelNum（**手机号**）",
        "string",
    );
    assert_eq!(d[1].1, "手机号");
}

#[test]
fn value_first_continues_after_prose() {
    assert_eq!(
        string(
            "枚举值：phost=>为主机价格，如果是云盘包括了系统盘价格。cloudDisk=>所有数据盘价格。"
        ),
        ok(&["phost", "cloudDisk"])
    );
    assert_eq!(
        string("弹性IP的计费模式. 枚举值: \"Traffic\", 流量计费; \"Bandwidth\", 带宽计费; \"ShareBandwidth\",共享带宽模式. 默认为 \"Bandwidth\".“PostAccurateBandwidth”：带宽后付费模式"),
        ok(&["Traffic", "Bandwidth", "ShareBandwidth", "PostAccurateBandwidth"])
    );
    assert_eq!(
        string("是否是系统盘。枚举值： True，是系统盘。 False，是数据盘（默认）。Disks数组中有且只能有一块盘是系统盘。"),
        ok(&["True", "False"])
    );
    assert_eq!(
        string("服务状态。Unknown:未知, Available: 可用, Initializing, Deleting:删除中"),
        ok(&["Unknown", "Available", "Initializing", "Deleting"])
    );
}

#[test]
fn numbers() {
    assert_eq!(
        values("阈值比较方式。 <br />枚举值：<br />1：>= <br />2：<= <br />3：> <br />4：< <br />5：== <br />6：!=", "int"),
        ok(&["1", "2", "3", "4", "5", "6"])
    );
    assert_eq!(
        values(
            "枚举值比较方式: <br />1->=<br />2-<= <br />3-> <br />4-<",
            "int"
        ),
        ok(&["1", "2", "3", "4"])
    );
    assert_eq!(
        values("告警状态。枚举值：0-关闭 1-开启", "int"),
        ok(&["0", "1"])
    );
    assert_eq!(
        values(
            "枚举值：<br />1-EIP网卡可见<br />2-EIP直通<br />默认为1",
            "int"
        ),
        ok(&["1", "2"])
    );
    assert_eq!(
        values("枚举值：0健康检查健康状态 1 健康检查异常", "int"),
        ok(&["0", "1"])
    );
    assert_eq!(
        values("限定枚举值：0（普通带宽）/ 1（共享带宽）", "int"),
        ok(&["0", "1"])
    );
    assert_eq!(
        values("TOTP状态（0：未开启，1：已开启）", "int"),
        ok(&["0", "1"])
    );
    assert_eq!(values("0:app状态 1:发送方 2", "int"), ok(&["0", "1", "2"]));
    assert_eq!(
        values("设备状态。枚举值：20-仓库中、40-已上架。", "int"),
        ok(&["20", "40"])
    );
    assert_eq!(
        values("国内流量进制 取值 1000 或者 1024", "int"),
        ok(&["1000", "1024"])
    );
    assert_eq!(
        values("副本数量，取值为1或2，1为单副本，2为双副本", "int"),
        ok(&["1", "2"])
    );
    // Numbers a string field lists are its values too.
    assert_eq!(
        string("IKE协商过程中使用的DH组，枚举值，\"1\", \"2\", \"5\"。默认为“15”"),
        ok(&["1", "2", "5"])
    );
}

// ---- description first ---------------------------------------------------------------------

#[test]
fn desc_first_forms() {
    assert_eq!(
        string("库存状态。枚举值：有库存：Available；无库存：SoldOut"),
        ok(&["Available", "SoldOut"])
    );
    assert_eq!(
        string("集群名。枚举值：千兆网络集群：1G；万兆网络集群：10G；智能网卡网络：25G；"),
        ok(&["1G", "10G", "25G"])
    );
    assert_eq!(
        string("IKE协商过程中使用的模式，枚举值，主模式，“main”；野蛮模式，“aggressive”。IKEV1默认为主模式“main”"),
        ok(&["main", "aggressive"])
    );
    assert_eq!(
        string("IP类型 枚举值：静态IP(Static) | 动态IP(Dynamic)"),
        ok(&["Static", "Dynamic"])
    );
    assert_eq!(
        string("路由模式，枚举值：<br />感兴趣流(FLow) | BGP(BGP)"),
        ok(&["FLow", "BGP"])
    );
    assert_eq!(
        string("实例状态，枚举值：<br /><br /> >初始化: Initializing; <br /><br /> >关机: Stopped <br /><br /> >安装失败: Install Fail; <br /><br /> > 未知(空字符串，获取状态超时或出错)：\"\""),
        ok(&["Initializing", "Stopped", "Install Fail", ""])
    );
    assert_eq!(
        string("【若绑定EIP，此参数必填】弹性IP的线路。枚举值: 国际: International BGP: Bgp 各地域允许的线路参数如下: cn-sh1: Bgp cn-sh2: Bgp hk: International"),
        ok(&["International", "Bgp"])
    );
    assert_eq!(
        string("弹性IP线路，枚举值：国际线路，International；BGP线路：BGP；精品BGP：BGPPro；原生IP:Native; <br /><br />使用BGP线路的地域：北京二、上海二、广州等"),
        ok(&["International", "BGP", "BGPPro", "Native"])
    );
    assert_eq!(
        string("物理云主机状态。枚举值：<br /><br /> > 初始化:Initializing; <br /><br /> > 启动中：Starting； <br /><br /> > 迁移中(裸金属云盘)：Migrating"),
        ok(&["Initializing", "Starting", "Migrating"])
    );
    assert_eq!(
        string("云手机状态<br />* 启动中: STARTING; <br />* 关机: STOPPED <br />* 未知状态：UNDEFINED_STATE或\"\""),
        ok(&["STARTING", "STOPPED", "UNDEFINED_STATE", ""])
    );
    assert_eq!(
        string("云手机镜像类型，枚举值：<br />> 用户自制镜像: CUSTOM;  <br />> 标准镜像: BASE;;"),
        ok(&["CUSTOM", "BASE"])
    );
}

// ---- without a keyword ---------------------------------------------------------------------

#[test]
fn implicit_lists() {
    assert_eq!(
        string("主机安全模式。Firewall：防火墙；SecGroup：安全组；默认值：Firewall。"),
        ok(&["Firewall", "SecGroup"])
    );
    assert_eq!(
        string("是否开启数据方舟。Yes：开启，No：不开启，默认值：No"),
        ok(&["Yes", "No"])
    );
    assert_eq!(
        string("镜像状态。<br />- Making 制作中；<br />- Available 可用；<br />- Offline 已下线"),
        ok(&["Making", "Available", "Offline"])
    );
    assert_eq!(
        string("上线状态：<br />UnAdaptive（未适配）<br />Adapting（适配中）"),
        ok(&["UnAdaptive", "Adapting"])
    );
    assert_eq!(
        string("资源类型 支持如下类型：<br />dbaudit：数据库审计；<br />utsdb：时序数据库；<br />vserver：虚拟服务节点；<br /><br />请查看：https://docs.ucloud.cn/api/umon-api/get_metric"),
        ok(&["dbaudit", "utsdb", "vserver"])
    );
    assert_eq!(
        string("容器组运行状态0：初始化；1：拉取镜像；2：启动中"),
        ok(&["0", "1", "2"])
    );
    assert_eq!(
        string("转发类型，默认为：Proxy；Proxy：代理、Passthrough：直连"),
        ok(&["Proxy", "Passthrough"])
    );
    assert_eq!(
        string("资源是否过期，过期:\"Yes\", 未过期:\"No\""),
        ok(&["Yes", "No"])
    );
    assert_eq!(
        string("资源类型。\"uhost\"：云主机； \"upm\"，物理云主机； \"hadoophost\"：hadoop节点"),
        ok(&["uhost", "upm", "hadoophost"])
    );
}

#[test]
fn implicit_lists_declined() {
    // A value that names a condition on another field.
    assert_eq!(
        string("\"UDP\" 检查模式的预期响应字符串<br />\"HTTP\" 检查模式的响应状态码"),
        Err("none".into())
    );
    assert_eq!(
        string("Private 类型下，表示是否为默认网卡。true: 是默认网卡"),
        Err("none".into())
    );
    // Labels of properties, not meanings of values.
    assert_eq!(
        string("内存大小, 单位: MB, 范围[65536，163840], 步长: 32768"),
        Err("none".into())
    );
    assert_eq!(string("最小值：10<br />最大值：50000"), Err("none".into()));
    // A time is not a value and its meaning.
    assert_eq!(
        values("20:00 的计费带宽则返回 19:55 的时间戳", "int"),
        Err("none".into())
    );
    // One item per line only counts when each is on a line of its own.
    assert_eq!(
        string("MachineType 为 \"O\"（快杰型）时，支持 - o1i：快杰型 O1 代 - o1a：快杰型 O1 代"),
        ok(&["o1i", "o1a"])
    );
    // TPS values and ranges of storage, not storage values.
    assert_eq!(
        values(
            "根据TPS的不同有不同的可选值。20000:[300,2000],50000:[700,2800]",
            "int"
        ),
        declined(Reason::NoList)
    );
    // Examples of a value, not the list of values.
    assert_eq!(
        string("2位二进制，例如\"01\"代表只开放高可用，\"10\"代表只开放单点"),
        Err("none".into())
    );
    // A list whose first item cannot be read is not read from its second.
    assert_eq!(
        string("云手机镜像状态<br />* 制作中: 制作中; <br />* 可用的: CREATING; <br />* 制作失败: CREATE_FAILED"),
        Err("none".into())
    );
    // Values of another field, as conditions.
    assert_eq!(
        string("根据PersistenceType确认； None和ServerInsert： 此字段无意义； UserDefined：此字段传入自定义会话保持String"),
        Err("none".into())
    );
    // Names in prose.
    assert_eq!(
        string("子网 ID。与 `VPCId` 须同属一个 VPC"),
        Err("none".into())
    );
    // A map's keys.
    assert_eq!(
        string("key：被邀请成员的公司Id ，value ：报错信息ErrorInfo（object）"),
        Err("none".into())
    );
}

// ---- declined ------------------------------------------------------------------------------

#[test]
fn declined_forms() {
    assert_eq!(
        string("产品类型，目前固定值【uphone】，表示云手机场景。"),
        declined(Reason::SingleValue)
    );
    assert_eq!(
        string("磁盘类型：枚举值：CLOUD_RSSD"),
        declined(Reason::SingleValue)
    );
    assert_eq!(
        string("可选值：all|protocol|xss|sql|other等"),
        declined(Reason::OpenList)
    );
    assert_eq!(
        string("网络实例类型，枚举值：VPC/UCVR/..."),
        declined(Reason::OpenList)
    );
    assert_eq!(
        string("数据库密钥状态。常见取值：Active、Deactivated、PendingDeletion。"),
        declined(Reason::OpenList)
    );
    assert_eq!(
        values("1:普通跳转 3:智能跳转等", "int"),
        declined(Reason::OpenList)
    );
    assert_eq!(
        string("本端标识，取值：“auto”，“<ip-address>”"),
        declined(Reason::OpenList)
    );
    assert_eq!(
        string("本端标识。枚举值，自动识别，“auto”；IP地址或域名。默认为自动识别“auto”。"),
        declined(Reason::Unreadable)
    );
    assert_eq!(
        string("白名单来源；可选值:用户自定义(custom)，机器行为检测(bot)，bot-rule"),
        declined(Reason::Unreadable)
    );
    // Two orders in one list.
    assert_eq!(
        string("共享带宽线路：BGP: BGP线路; International: 国际线路; 原生IP: Native; 精品原生IP: Resident"),
        Err("none".into())
    );
    assert_eq!(
        string("数据盘类型，枚举值与磁盘类型相同。"),
        declined(Reason::NoList)
    );
    assert_eq!(string("规格, 具体枚举值待定"), declined(Reason::NoList));
    assert_eq!(
        string("数值组，支持逗号分割。格式为：Value|权重|IsEnabled，其中IsEnabled为枚举值（1为启用，0为禁用）。"),
        declined(Reason::Composite)
    );
    assert_eq!(
        string("状态描述。json格式，示例：{\"telecom_status\":2}。状态枚举值：0-未报备 1->审核中"),
        declined(Reason::Composite)
    );
    assert_eq!(
        string("插入的内容。ValueType 取值为 SystemDefined 时取值如下：<br />ClientSrcPort：客户端端口。<br />ClientSrcIp：客户端 IP 地址。"),
        declined(Reason::OtherSubject)
    );
    assert_eq!(
        string("源数据类型可以是 mysql, tidb, csv。<br />目的数据类型可以是 mysql, tidb, udw."),
        declined(Reason::SeveralLists)
    );
    assert_eq!(
        values("枚举值：Yes/No", "int"),
        declined(Reason::NotNumeric)
    );
    assert_eq!(
        string("回执结果，枚举值：<br /> > 发送成功: 代表成功 <br /> > Success: 代表成功"),
        declined(Reason::NoList)
    );
}

#[test]
fn no_values() {
    assert_eq!(string("主机名称"), Err("none".into()));
    assert_eq!(string(""), Err("none".into()));
    assert_eq!(string("取值为1024的倍数"), Err("none".into()));
    assert_eq!(string("格式为：Value|权重|IsEnabled"), Err("none".into()));
    assert_eq!(
        values(
            "删除时是否释放数据盘。 枚举值[true:释放，false: 不释放]",
            "bool"
        ),
        Err("none".into())
    );
    assert_eq!(
        string("举例如下：# echo -n Password1 | base64"),
        Err("none".into())
    );
}

// ---- the whole corpus ----------------------------------------------------------------------

/// Every description of every page: no panic, and every value is a slice of its source,
/// which is a slice of the description.
#[test]
fn corpus_values_are_literal() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    if !dir.is_dir() {
        eprintln!("{}: not found; corpus test skipped", dir.display());
        return;
    }
    let loaded = crate::load_spec(&[dir]).expect("the pages load");
    let mut descriptions: Vec<(&str, &str)> = Vec::new();
    for svc in &loaded.spec.services {
        for a in &svc.actions {
            descriptions.extend(
                a.request
                    .iter()
                    .map(|p| (p.description.as_str(), p.ty.as_str())),
            );
            descriptions.extend(
                a.response
                    .iter()
                    .map(|f| (f.description.as_str(), "string")),
            );
        }
        for m in &svc.models {
            descriptions.extend(m.fields.iter().map(|f| (f.description.as_str(), "string")));
        }
    }
    let mut enums = 0;
    for (d, ty) in descriptions {
        for ty in [ty, "int"] {
            match extract(d, ty) {
                Extraction::Enum(e) => {
                    enums += 1;
                    assert!(d.contains(&e.source), "{d:?}: source {:?}", e.source);
                    assert!(e.values.len() > 1, "{d:?}");
                    for v in &e.values {
                        assert!(e.source.contains(&v.value), "{d:?}: {:?}", v.value);
                        assert_eq!(v.value, v.value.trim(), "{d:?}");
                    }
                }
                Extraction::Ambiguous(a) => assert!(d.contains(&a.source), "{d:?}"),
                Extraction::None => {}
            }
        }
    }
    assert!(enums > 100, "only {enums} enums in the whole corpus");
}
