import type { ActionProps } from '../../components/action-form';
import type { CaseSaved } from '../../contract';

/** What every action form of the case drawer gets: the saved case goes back to the drawer. */
export type CaseActionProps = ActionProps<CaseSaved>;

