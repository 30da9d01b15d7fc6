//! Table, global and element-segment initializers: which functions they
//! place in which table slots, and which have their reference taken.

use wasmparser::{ConstExpr, ElementItems, ElementKind, Operator};

use super::{CoreModule, ElemItem, ElementSegment};

/// Reads an element segment into the functions it places. Every function
/// an item names anywhere (also inside a larger expression, such as a GC
/// struct built around a `ref.func`) has its reference taken.
pub(crate) fn read_element(
    element: wasmparser::Element<'_>,
    module: &mut CoreModule,
) -> wasmparser::Result<()> {
    let mut items = Vec::new();
    match element.items {
        ElementItems::Functions(reader) => {
            for func in reader {
                let func = func?;
                module.ref_funcs.push(func);
                items.push(ElemItem::Func(func));
            }
        }
        ElementItems::Expressions(_, reader) => {
            for expr in reader {
                items.push(read_const_expr(&expr?, &mut module.ref_funcs)?);
            }
        }
    }
    let (table, offset) = match element.kind {
        ElementKind::Active {
            table_index,
            offset_expr,
        } => {
            // An offset is a constant expression too; whatever it names
            // is taken, though it is an integer.
            read_const_expr(&offset_expr, &mut module.ref_funcs)?;
            (Some(table_index.unwrap_or(0)), const_i32(&offset_expr))
        }
        ElementKind::Passive | ElementKind::Declared => (None, None),
    };
    module.elements.push(ElementSegment {
        table,
        offset,
        items,
    });
    Ok(())
}

/// Reads a defined global: its type, and the references its initializer
/// takes.
pub(crate) fn read_global(
    global: wasmparser::Global<'_>,
    module: &mut CoreModule,
) -> wasmparser::Result<()> {
    module
        .ref_globals
        .push(global.ty.content_type.is_reference_type());
    read_const_expr(&global.init_expr, &mut module.ref_funcs)?;
    Ok(())
}

/// Reads a defined table's initializer, which fills every slot.
pub(crate) fn read_table(
    table: wasmparser::Table<'_>,
    module: &mut CoreModule,
) -> wasmparser::Result<()> {
    let index = module.table_imports.len() as u32 + module.defined_tables;
    module.defined_tables += 1;
    if let wasmparser::TableInit::Expr(expr) = table.init {
        match read_const_expr(&expr, &mut module.ref_funcs)? {
            ElemItem::Null => {}
            item => module.table_inits.push((index, item)),
        }
    }
    Ok(())
}

/// What a constant expression evaluates to, as a slot's content; every
/// `ref.func` in it goes to `taken`.
fn read_const_expr(expr: &ConstExpr<'_>, taken: &mut Vec<u32>) -> wasmparser::Result<ElemItem> {
    let mut reader = expr.get_operators_reader();
    let mut ops = 0usize;
    let mut first = None;
    while !reader.eof() {
        let op = reader.read()?;
        if let Operator::RefFunc { function_index } = op {
            taken.push(function_index);
        }
        if ops == 0 {
            first = Some(match op {
                Operator::RefFunc { function_index } => ElemItem::Func(function_index),
                Operator::RefNull { .. } => ElemItem::Null,
                _ => ElemItem::Unknown,
            });
        }
        ops += 1;
    }
    // `ref.func f` or `ref.null t`, then `end`: anything longer computes.
    Ok(match first {
        Some(item) if ops == 2 => item,
        _ => ElemItem::Unknown,
    })
}

fn const_i32(expr: &ConstExpr<'_>) -> Option<u32> {
    let mut reader = expr.get_operators_reader();
    match (reader.read().ok()?, reader.read().ok()?) {
        (Operator::I32Const { value }, Operator::End) => Some(value as u32),
        _ => None,
    }
}
