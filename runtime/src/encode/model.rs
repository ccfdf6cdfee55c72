//! Encoding a generated request straight from its field table ([`Model`]): the parameters
//! `Serialize` would give, without serde's serializer state machine between each field and
//! the buffer. A request of a hundred fields, most unset, is walked once.

use std::convert::Infallible;

use base64::Engine as _;
use serde::Serialize;

use super::{write_float, EncodeError, Encoder, Out, Params, Seg};
use crate::model::{self, Model, Shape, Value};

/// A request's parameters, and the first list its field tables mark required that it
/// leaves empty (`Disks`, `Disks.1.SnapshotIds`): the one rule of the documentation the
/// client checks before sending, found in the same walk.
pub(crate) struct Encoded {
    pub params: Params,
    pub empty_required_list: Option<String>,
}

/// Flattens a request into form parameters, in field order (not sorted): the same
/// parameters as [`to_params`](super::to_params) gives for its `Serialize`.
pub(crate) fn model_params(request: &dyn Model) -> Result<Encoded, EncodeError> {
    let mut walk = Walk {
        out: Out::new(),
        in_order: true,
        error: None,
        empty_required_list: None,
    };
    walk.fields(request);
    if let Some(error) = walk.error {
        return Err(error);
    }
    if walk.in_order {
        walk.out.params.known_in_order();
    }
    walk.out.params.check_size()?;
    Ok(Encoded {
        params: walk.out.params,
        empty_required_list: walk.empty_required_list,
    })
}

/// The parameters written so far, whether they are in name order, and the first value
/// that could not be sent. Only a non-finite float or untyped JSON can fail, so values are
/// written without a `Result` each and the walk goes on after a failure (a request that
/// fails is not sent).
struct Walk {
    out: Out,
    /// Every field table so far was [in wire order](Model::fields_in_wire_order), and no
    /// list or untyped JSON broke the order: the parameters are sorted as they are.
    in_order: bool,
    error: Option<EncodeError>,
    /// The first required list found empty. Only structs that are set are walked, as
    /// UCloud checks: an unset optional struct has no required parameters.
    empty_required_list: Option<String>,
}

/// Lists longer than this are not in name order: `Name.10` sorts before `Name.2`.
const IN_ORDER_LIST_MAX: usize = 10;

impl Walk {
    /// Writes each field that has a value, named under the current path.
    fn fields(&mut self, m: &dyn Model) {
        self.in_order &= m.fields_in_wire_order();
        for (info, v) in m.values() {
            let seg = Seg::Key(info.wire);
            // Most fields are unset or strings: those are written here, without a call.
            match v {
                Value::Absent if info.required && info.shape == Shape::List => self.empty_list(seg),
                Value::Absent => {}
                Value::Str(s) | Value::Enum(s) => self.out.text(seg, s, false),
                v => self.value(seg, v),
            }
        }
    }

    /// Writes one value named by the path and `seg`: a parameter, or a group of them for a
    /// struct or a list.
    fn value(&mut self, seg: Seg<'_>, v: Value<'_>) {
        let out = &mut self.out;
        match v {
            Value::Absent => {}
            Value::Str(s) | Value::Enum(s) => out.text(seg, s, false),
            Value::Secret(s) => out.text(seg, s.expose(), true),
            Value::Int(n) => out.text(seg, itoa::Buffer::new().format(n), false),
            Value::Bool(b) => out.text(seg, if b { "true" } else { "false" }, false),
            Value::Float(x) => {
                if let Err(e) = out.scalar(seg, false, |t| write_float(t, x)) {
                    self.fail(e);
                }
            }
            Value::Base64(s) => base64(out, seg, s, false),
            Value::Base64Secret(s) => base64(out, seg, s.expose(), true),
            // Untyped JSON has no table: it goes through `Serialize`, from this name on,
            // in an order of its own.
            Value::Json(json) => {
                self.in_order &= !(json.is_object() || json.is_array());
                let written = json.serialize(Encoder {
                    out,
                    seg,
                    sensitive: false,
                });
                if let Err(e) = written {
                    self.fail(e);
                }
            }
            Value::Model(m) => {
                let restore = self.out.enter(seg);
                self.fields(m);
                self.out.path.truncate(restore);
            }
            Value::List(list) => {
                self.in_order &= model::list_len(list) <= IN_ORDER_LIST_MAX;
                let restore = self.out.enter(seg);
                let mut index = 0;
                model::each(list, |item| {
                    self.value(Seg::Index(index), item);
                    index += 1;
                });
                self.out.path.truncate(restore);
            }
        }
    }

    #[cold]
    fn empty_list(&mut self, seg: Seg<'_>) {
        if self.empty_required_list.is_none() {
            let mut name = String::new();
            seg.append_name(&self.out.path, &mut name);
            self.empty_required_list = Some(name);
        }
    }

    #[cold]
    fn fail(&mut self, error: EncodeError) {
        self.error.get_or_insert(error);
    }
}

/// Writes the base64 of `plain` (standard alphabet, padded) as one parameter.
fn base64(out: &mut Out, seg: Seg<'_>, plain: &str, sensitive: bool) {
    let Ok(()) = out.scalar::<Infallible>(seg, sensitive, |t| {
        base64::engine::general_purpose::STANDARD.encode_string(plain, t);
        Ok(())
    });
}
