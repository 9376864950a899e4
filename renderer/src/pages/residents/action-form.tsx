import type { ActionProps as ActionFormProps } from '../../components/action-form';
import type { ResidentSaved } from '../../contract';

/** What every action form of the resident drawer gets: the saved resident goes back to the drawer. */
export type ActionProps = ActionFormProps<ResidentSaved>;

