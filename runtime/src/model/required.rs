//! The one rule of a request's documentation the client checks before sending: a list the
//! field table marks required (`FieldInfo::required` with [`Shape::List`](super::Shape)) has
//! at least one item, at every depth of the values that are set. UCloud refuses such a
//! request over the network; the client refuses it at once, naming the parameter. The check
//! is made in the walk that encodes the request (`encode/model.rs`), so it costs nothing
//! more; these are its tests.

#[cfg(test)]
mod tests {
    /// The first required list `request` leaves empty, as the client's encoding finds it.
    fn empty_required_list(request: &dyn crate::model::Model) -> Option<String> {
        crate::encode::model_params(request)
            .unwrap()
            .empty_required_list
    }

    #[derive(Clone, Default)]
    struct Disk {
        size: Option<i64>,
        tags: Vec<String>,
    }
    crate::model!(Disk: default { size: "Size" OptInt, tags: "Tags" Strs required });

    #[derive(Clone, Default)]
    struct Interface {
        ips: Vec<String>,
    }
    crate::model!(Interface: default { ips: "IPs" Strs required });

    #[derive(Clone, Default)]
    struct Create {
        disks: Vec<Disk>,
        interface: Option<Interface>,
        names: Vec<String>,
    }
    crate::model!(Create: default {
        disks: "Disks" Models(Disk) required,
        interface: "Interface" OptModel(Interface),
        names: "Names" Strs
    });

    fn disk(tags: &[&str]) -> Disk {
        Disk {
            size: Some(20),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn an_empty_required_list_is_named_at_any_depth() {
        let mut req = Create::default();
        assert_eq!(empty_required_list(&req).as_deref(), Some("Disks"));
        req.disks = vec![disk(&["a"]), disk(&[])];
        assert_eq!(empty_required_list(&req).as_deref(), Some("Disks.1.Tags"));
        req.disks[1].tags.push("b".into());
        assert_eq!(
            empty_required_list(&req),
            None,
            "an optional list may be empty"
        );
        req.interface = Some(Interface::default());
        assert_eq!(empty_required_list(&req).as_deref(), Some("Interface.IPs"));
        req.interface = None;
        assert_eq!(
            empty_required_list(&req),
            None,
            "an unset struct is not looked into"
        );
    }
}
