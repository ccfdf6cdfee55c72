//! The one rule for enum text, on the generated SDK: an exact match wins; next, the one
//! documented value equal ignoring ASCII case; anything else is `Unknown`, text kept.

use ucloud_sdk::uhost::DescribeUHostInstanceResponse;
use ucloud_sdk::unet::AllocateEIPOperatorName as OperatorName;

#[test]
fn text_in_another_case_is_the_documented_variant() {
    // `OperatorName::Bgp` sends "BGP"; UCloud's own tests send "Bgp".
    assert_eq!(OperatorName::from("BGP"), OperatorName::Bgp);
    assert_eq!(OperatorName::from("Bgp"), OperatorName::Bgp);
    assert_eq!("bgp".parse::<OperatorName>(), Ok(OperatorName::Bgp));
    assert_eq!(
        OperatorName::from(String::from("bgppro")),
        OperatorName::BgpPro
    );
    assert_eq!(OperatorName::from("Bgp").as_str(), "BGP");
    assert_eq!(
        OperatorName::from("Bgp-2"),
        OperatorName::Unknown("Bgp-2".into())
    );
}

#[test]
fn responses_decode_enum_text_by_the_same_rule() {
    let resp: DescribeUHostInstanceResponse = serde_json::from_value(serde_json::json!({
        "UHostSet": [{"UHostId": "uhost-1", "State": "running", "ChargeType": "MONTH"}]
    }))
    .unwrap();
    let host = &resp.uhost_set[0];
    assert_eq!(
        host.state,
        Some(ucloud_sdk::uhost::UHostInstanceSetState::Running)
    );
    assert_eq!(host.charge_type.as_ref().map(|c| c.as_str()), Some("Month"));
}
