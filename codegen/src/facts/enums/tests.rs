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

// ---- keyword-less token lists (rule 3b) ----------------------------------------------------

#[test]
fn token_lists() {
    // `A 或 B`
    assert_eq!(
        string("规则行为。\"Accept\" 或 \"Drop\""),
        ok(&["Accept", "Drop"])
    );
    assert_eq!(string("电源状态，on 或 off"), ok(&["on", "off"]));
    assert_eq!(string("使用的安全协议，ESP或AH"), ok(&["ESP", "AH"]));
    assert_eq!(
        string("开启或关闭加速 enable或disable<br /> 当加速区域含国外的时候，此参数为必传"),
        ok(&["enable", "disable"])
    );
    assert_eq!(
        string("拉流加速时使用的源站平台，ucloud或者other<br />other表示自定义源站<br />"),
        ok(&["ucloud", "other"])
    );
    assert_eq!(
        string("任务类型，值为 transfer 或 integration， transfer 时任务为 数据迁移。"),
        ok(&["transfer", "integration"])
    );
    // Slash and pipe lists.
    assert_eq!(string("是否支持录制 on/off"), ok(&["on", "off"]));
    assert_eq!(
        string("动作: captcha/forbidden"),
        ok(&["captcha", "forbidden"])
    );
    assert_eq!(
        string("取点方式max|min|avg,默认取平均值avg"),
        ok(&["max", "min", "avg"])
    );
    assert_eq!(
        string("normal/ha/readonly,普通/高可用/只读从库"),
        ok(&["normal", "ha", "readonly"])
    );
    assert_eq!(
        string("节点角色，支持\"master\"|\"core\"|\"task\""),
        ok(&["master", "core", "task"])
    );
    assert_eq!(
        string("框架，值为'Hadoop'|'HDFS'|'MR'|'StarRocks'之一,框架，例如Hadoop|MR|HDFS|StarRocks"),
        ok(&["Hadoop", "HDFS", "MR", "StarRocks"])
    );
    assert_eq!(
        string("LOCAL_NOMAL| CLOUD_NORMAL| LOCAL_SSD| CLOUD_SSD|EXCLUSIVE_LOCAL_DISK"),
        ok(&[
            "LOCAL_NOMAL",
            "CLOUD_NORMAL",
            "LOCAL_SSD",
            "CLOUD_SSD",
            "EXCLUSIVE_LOCAL_DISK"
        ])
    );
    // Comma and `、` lists, quoted or bare.
    assert_eq!(
        string("协议类型。\"TCP\",\"UDP\",\"ICMP\",\"ICMPv6\",\"ALL\""),
        ok(&["TCP", "UDP", "ICMP", "ICMPv6", "ALL"])
    );
    assert_eq!(
        string("Year， Month， Dynamic，Trial，默认: Month"),
        ok(&["Year", "Month", "Dynamic", "Trial"])
    );
    assert_eq!(
        string("白名单类型：Developer、CrossBorder"),
        ok(&["Developer", "CrossBorder"])
    );
    assert_eq!(
        string("表示实例是主库还是从库,master,slave<br />仅主备redis返回该项参数"),
        ok(&["master", "slave"])
    );
    assert_eq!(
        string("出向或者入向（“Ingress”, \"Egress\")"),
        ok(&["Ingress", "Egress"])
    );
    assert_eq!(
        string("迁移源，可取值 “Ali、Tecent、IDC、Huawei、Amazon”"),
        ok(&["Ali", "Tecent", "IDC", "Huawei", "Amazon"])
    );
    assert_eq!(
        string("操作系统类型：Linux， Windows 默认返回所有类型"),
        ok(&["Linux", "Windows"])
    );
    // `和` only where the text says the two are the choices.
    assert_eq!(
        string("（应用型专用）HTTP检查方法。只支持GET和HEAD。"),
        ok(&["GET", "HEAD"])
    );
    assert_eq!(string("回源类型，分 IP 和 Domain"), ok(&["IP", "Domain"]));
}

#[test]
fn token_lists_with_meanings() {
    // `VALUE（中文）、…`: the parenthesis is the value's meaning.
    assert_eq!(
        docs(
            "集群状态：<br />CREATING（创建中）、<br />RUNNING（运行中）、<br />DESTROYED（已删除）",
            "string"
        ),
        vec![
            ("CREATING".to_string(), "创建中".to_string()),
            ("RUNNING".to_string(), "运行中".to_string()),
            ("DESTROYED".to_string(), "已删除".to_string()),
        ]
    );
    assert_eq!(
        string("云盘状态。All(所有状态)，Available(可用)，InUse(已挂载)。默认值：All"),
        ok(&["All", "Available", "InUse"])
    );
    // A one-char value only with its meaning.
    assert_eq!(
        string("产品类型：normal（经济型），hf（标准型），g(Gpu型),默认normal"),
        ok(&["normal", "hf", "g"])
    );
    assert_eq!(
        string("call_start_time(拨打时间)/receive_time（回执时间）"),
        ok(&["call_start_time", "receive_time"])
    );
    let e = extract("白名单类型：Developer、CrossBorder", "string");
    match e {
        Extraction::Enum(f) => {
            assert_eq!(f.form, Form::List);
            assert_eq!(f.keyword, None);
            assert_eq!(f.source, "Developer、CrossBorder");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn token_lists_declined() {
    let none = || Err("none".to_string());
    // Noun pairs, prose, units, paths, links, URLs, ratios.
    assert_eq!(string("后端服务器的 IP/端口"), none());
    assert_eq!(string("基于TCP/IP协议"), none());
    assert_eq!(string("基于 TCP/IP 协议栈"), none());
    assert_eq!(string("带宽上限，单位Mbps/s"), none());
    assert_eq!(string("密钥别名，格式为 alias/name。"), none());
    assert_eq!(string("挂载路径 /data/disk1"), none());
    assert_eq!(
        string("一组Node节点的数据盘类型，请参考[磁盘类型](api/uhost-api/disk_type)。"),
        none()
    );
    assert_eq!(
        string("可以从 https://console.ucloud.cn/vpc/subnet 获取"),
        none()
    );
    assert_eq!(string("读写比例 3/7"), none());
    assert_eq!(string("开始日期 2024/01/02"), none());
    assert_eq!(string("VPC和子网"), none());
    assert_eq!(string("Accept or Deny（默认），Accept暂不支持"), none());
    // Examples and formats.
    assert_eq!(string("数量的单位，如：GB，TB"), none());
    assert_eq!(string("适用GPU类型，如1080Ti、4090、V100、A800"), none());
    assert_eq!(string("例如 cn-bj2, cn-sh2"), none());
    assert_eq!(
        string("内容格式如下: [file type];[code type],[base64]  如：image/jpeg;base64,5YaF5a65"),
        none()
    );
    assert_eq!(
        string("数据库数据保留策略。自定义格式如：<br />10d（即10天），2w（即两周），"),
        none()
    );
    assert_eq!(
        string("密码需使用base64进行编码，如下：# echo -n Password1 | base64"),
        none()
    );
    // JSON.
    assert_eq!(string("{\"Exclusive\":{\"a\":1}, \"Spot\": 2}"), none());
    // Open, repeated, one value, numbers.
    assert_eq!(
        string("填写内容支持(china_admin_code|country_code|industry)等等"),
        none()
    );
    assert_eq!(string("加速类型http,http|https"), none());
    assert_eq!(string("协议 HTTP"), none());
    assert_eq!(string("磁盘大小 20,40,80"), none());
    // Cut short, or one list per condition.
    assert_eq!(
        string("防火墙名称，默认为空。Name,Tag,Remark必须填写1个及以上"),
        none()
    );
    assert_eq!(string("算法。<br />支持RSA, ECDSA, SM2 三种值"), none());
    assert_eq!(
        string("请求代理模式下有 HTTP、HTTPS、TCP，报文转发下有 TCP，UDP。"),
        none()
    );
    assert_eq!(
        string("算法key的长度 。 <br />1. RSA支持2048,3072,4096<br />2. ECDSA支持p256,p384,p512"),
        none()
    );
    assert_eq!(
        string("转发协议的类型包括三种：默认为“IP”，还可以选择为“TCP”或\"UDP\""),
        none()
    );
    assert_eq!(
        string("主机登陆模式。密码（默认选项）: Password，密钥：KeyPair，Password，自制镜像密码：ImagePasswd。"),
        none()
    );
    assert_eq!(string("DefaultVPC 默认VPC，DefinedVPC，自定义VPC"), none());
    // Names of parameters, actions, things; arguments; keys; conditions.
    assert_eq!(string("指定DBId时无需填写ClassType、Offset、Limit"), none());
    assert_eq!(
        string("对象ID，可用于 UpdateBackendAttribute/ReleaseBackend"),
        none()
    );
    assert_eq!(string("所操作LB实例ID（LB指CLB或ALB）"), none());
    assert_eq!(
        string("密钥对指纹。md5(ProjectId|KeyPairId|PublicKey)"),
        none()
    );
    assert_eq!(
        string("节点配置，里面包括NodeType（机型），Count（数量），示例为：<br />X.0.NodeType=o.a<br />X.0.Count=2"),
        none()
    );
    assert_eq!(
        string("根据PersistenceType确定: None或ServerInsert, 此字段无意义"),
        none()
    );
    // Values the field must not take; several values joined into one string.
    assert_eq!(
        string("可用区，如下资源类型不需要：<br />'eip', 'sharebandwidth', 'ulb'"),
        none()
    );
    assert_eq!(
        string("header 字段不能使用以下(此处判断大小写不敏感)<br /><br />x-real-ip、x-forwarded-for、host"),
        none()
    );
    assert_eq!(
        string("支持的方法名有：GET、PUT、POST（多个Method用‘,’分隔）"),
        none()
    );
    // A number field: int enums are another rule's.
    assert_eq!(values("是否开启，on/off", "int"), none());
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
