// Pure helpers of the affiliate hierarchy panel.
import type { HierarchyNode } from '../../../../shared/contract'
import type { ApiError } from '../../api/ApiError'

/** The upline from the top of the tree down to the parent (the API lists it parent first). */
export function uplinePath(nodes: readonly HierarchyNode[]): HierarchyNode[] {
  return [...nodes].sort((a, b) => b.depth - a.depth)
}

export const DEPTH_OPTIONS: { value: string; label: string }[] = [
  { value: '1', label: 'Direct recruits' },
  { value: '2', label: '2 levels' },
  { value: '3', label: '3 levels' },
  { value: '', label: 'All levels' },
]

export function depthLabel(depth: number): string {
  if (depth === 1) return 'direct'
  return `level ${depth}`
}

/**
 * The move error in the owner's terms. The API names affiliates by id; here we know who was being
 * moved and where, so a loop is explained with their codes.
 */
export function moveErrorMessage(err: ApiError, moving: string, target: string | null): string {
  if (err.code === 'conflict' && target !== null) {
    if (/own parent/i.test(err.message)) return `${moving} cannot be its own parent.`
    if (/loop|downline/i.test(err.message)) {
      return `${target} is in ${moving}’s downline, so ${moving} cannot move under it: that would make a loop. Move ${target} out first, or pick someone else.`
    }
  }
  return err.message
}
