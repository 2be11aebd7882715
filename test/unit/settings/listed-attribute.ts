import type { AttioAttribute } from '../../../shared/attio/schemas';

/**
 * An attribute as `GET /v2/objects/{object}/attributes` lists it: a system attribute, writable and
 * single-valued unless the flags say otherwise (Attio's standard objects list theirs that way).
 */
export const listedAttribute = (slug: string, type: string, flags: Partial<AttioAttribute> = {}): AttioAttribute => ({
  id: { workspace_id: 'w', object_id: 'o', attribute_id: slug },
  title: slug,
  description: null,
  api_slug: slug,
  type,
  is_system_attribute: true,
  is_writable: true,
  is_required: false,
  is_unique: false,
  is_multiselect: false,
  is_archived: false,
  ...flags,
});
