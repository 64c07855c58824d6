-- A member library leaves the consortium by being deactivated, never deleted: its catalog records, ILL requests, their
-- audit trails and its lending history keep referring to it. The hub never deletes one; this guard makes the database
-- refuse it too (and a change of a member's id), so that tables which no longer check their member column by a
-- foreign key, row by row, still cannot point at a member that is gone.
create function member_library_kept() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'member library % (%) cannot be deleted: deactivate it instead (active = false)', old.code, old.id
            using errcode = '23503';
    end if;
    raise exception 'the id of member library % (%) cannot change', old.code, old.id using errcode = '23503';
end
$$;

create trigger member_library_not_deleted before delete on member_library
    for each row execute function member_library_kept();
create trigger member_library_id_kept before update of id on member_library
    for each row when (old.id is distinct from new.id) execute function member_library_kept();
