//! The text facts on real pages' text.

use super::*;

#[test]
fn deprecated_fields() {
    for d in [
        "【已废弃】云主机机型（V2.0）",
        "项目ID（已废弃）",
        "型ID (已弃用)",
        "服务集群名称（弃用）",
        "【建议不再使用】主机磁盘类型。",
        "ID。【即将废弃，建议使用HostIP】",
        "[即将下线,请使用Size] 容量单位GB",
        "【即将下线,请勿使用】是否创建使用ipv6 资源",
        "磁盘IO性能，单位MB/s（待废弃）",
        "资源数量（已废弃，不建议使用）",
        "废弃",
        "Deprecated. 滚动加载参数",
        "该字段已废弃。",
    ] {
        assert!(deprecated(d), "{d}");
    }
    for d in [
        "IP 版本，如 “IPv4”。支持 IPv6 后废弃",
        "镜像状态。<br />- Offline 已下线",
        "告警状态，0-停用，1-启用",
        "",
    ] {
        assert!(!deprecated(d), "{d}");
    }
}

#[test]
fn default_values() {
    let cases = [
        ("付费方式；默认值：\"Month\";", Some("Month")),
        ("分页大小，默认为20，最大100", Some("20")),
        ("UDB实例模式类型 默认是\"Normal\"", Some("Normal")),
        ("默认是Normal", Some("Normal")),
        ("默认值：No", Some("No")),
        ("默认false", Some("false")),
        ("默认为 \"Bandwidth\"", Some("Bandwidth")),
        ("默认：Default（Default 为默认项目）", Some("Default")),
        ("默认值：“Port”", Some("Port")),
        ("默认9小时", Some("9")),
        ("默认 2s", Some("2")),
        ("默认为1.5", Some("1.5")),
        ("默认为“No”，还可以选择为“Yes”", Some("No")),
        ("默认值（DataDisk）", Some("DataDisk")),
        ("最低cpu平台，默认值是\"Intel/Auto\"。", Some("Intel/Auto")),
        // Prose, nouns, nothing, and different defaults per condition.
        ("默认为月付", None),
        ("默认为当前时间，BeginTime", None),
        (
            "默认值：o1i 或 o1a或o1r（系统将根据资源情况自动选择）",
            None,
        ),
        ("项目ID。不填写为默认项目，子帐号必须填写。", None),
        ("\"recommend web\", 默认Web防火墙", None),
        ("默认为SSD云盘", None),
        ("默认为空", None),
        ("False，是数据盘（默认）。", None),
        ("请求代理型默认值为Port，…报文转发型…默认值为Ping", None),
        (
            "外网CLB默认RequestProxy，内网ULB默认PacketsTransmit。",
            None,
        ),
        ("主机名称", None),
    ];
    for (d, want) in cases {
        assert_eq!(default_value(d).as_deref(), want, "{d}");
    }
}

#[test]
fn units() {
    let cases = [
        ("磁盘大小，单位GB", Some("GB")),
        ("大小。单位：MB。范围 ：[1024, 262144]", Some("MB")),
        ("会话保持超时时间。单位：秒", Some("秒")),
        ("时间（单位：秒）", Some("秒")),
        ("带宽, 单位为Mbps. 共享带宽", Some("Mbps")),
        ("带宽（单位为Mb/s）", Some("Mb/s")),
        ("核数, 单位:个", Some("个")),
        ("价格，单位为\"元\", 如需退费", Some("元")),
        ("命中率，单位%", Some("%")),
        ("时间，单位小时计，默认9点", Some("小时")),
        ("有效期，以天为单位，比如（1d，7d）", Some("天")),
        ("带宽值。单位 M", Some("M")),
        // Not units, a unit of an enumeration's item, two units.
        ("指标单位名称", None),
        ("单位ID", None),
        ("机关事业单位/其他单位的全称或简称", None),
        (
            "付费类型，可选值如下:Year: 按年付费 Dynamic: 按需付费(单位: 小时)",
            None,
        ),
        ("流量单位GB，带宽单位Mbps", None),
        ("主机名称", None),
    ];
    for (d, want) in cases {
        assert_eq!(unit(d).as_deref(), want, "{d}");
    }
}

#[test]
fn base64_values() {
    for d in [
        "Pod yaml，使用base64编码",
        "base64编码的Deployment的yaml。大小不超过16KB",
        "短信签名的资质证明文件，需先进行base64编码格式转换，此处填写转换后的字符串。",
        "集群管理员密码（需 base64 编码后传入），编码前的密码规则：",
        "UHost密码。密码需使用base64进行编码，举例如下：# echo -n Password1 | base64",
        "UHost新密码（密码格式使用BASE64编码）",
        "该参数是json数组的base64编码结果。示例： 发送内容json数组（base64编码前）：[{}]",
        "描述工作流定义的base64字符串",
        "待加密明文，Base64 编码。",
        "值为以下字段的json转base64后字符串，json格式：{\"Data\":[]}",
        "证书公钥base64编码值",
        "管理员密码, 密码需要使用base64加密",
    ] {
        assert!(mentions_base64(d), "{d}");
    }
    for d in [
        "视频短信模板内容。json数组的字符串格式。如：<br />[<br />{name:\"1.jpg\",type:\"jpg\",content:\"jpg文件字节的base64编码字符串\",index:1}]",
        "证书签名，将公钥base64和私钥base64拼接起来计算的MD5值",
        "# echo -n Password1 | base64",
        "主机名称",
    ] {
        assert!(!mentions_base64(d), "{d}");
    }
}

#[test]
fn docs_are_exported() {
    assert_eq!(docs("a<br /><br />b", ""), "a\n\nb");
    assert_eq!(lines("a<br /><br />b", ""), ["a", "", "b"]);
    assert!(is_bidi_control('\u{202e}'));
}

#[test]
fn a_possessive_default_is_a_noun() {
    assert_eq!(
        super::default_value("VPC ID。默认为当前地域的默认VPC"),
        None
    );
    assert_eq!(
        super::default_value("默认为当前地域的默认VPC，默认值：\"Month\""),
        Some("Month".into())
    );
}
